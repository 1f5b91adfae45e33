package com.example.shop.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.zaxxer.hikari.HikariDataSource;
import com.jayway.jsonpath.JsonPath;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.cart.internal.CartService;
import com.example.shop.orders.internal.PaymentTimeout;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Scheduled jobs on several instances, on the real database: this application context is instance A; instance
 * B is a second lock provider with a connection pool of its own on the same database, as another JVM has. A job
 * whose lock B holds is skipped on A (its work is done once), a different job is not held up by it, and of
 * several instances starting one job at the same moment exactly one runs it.
 */
@IntegrationTest
class ScheduledJobLockTests {

    private static final List<String> LOCKS = List.of("orders.payment-timeout", "cart.purge-abandoned");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    DataSource dataSource;

    @Autowired
    LockProvider instanceA;

    @Autowired
    PaymentTimeout paymentTimeout;

    @Autowired
    CartService carts;

    @Autowired
    OrderFixtures fixtures;

    LockProvider instanceB;

    @BeforeEach
    void instanceB() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        DriverManagerDataSource own = new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(),
                pool.getPassword());
        instanceB = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(own)).withTableName("shedlock").withLockedByValue("instance-b")
                .usingDbTime().build());
        // a run of an earlier test keeps its lock for the job's lockAtLeastFor: every test starts with none held
        forgetLocks();
    }

    @AfterEach
    void forgetLocks() {
        for (String name : LOCKS) {
            committed.update("delete from shedlock where name = ?", name);
        }
    }

    @Test
    void aJobWhoseLockAnotherInstanceHoldsIsSkippedHereWhileADifferentJobRuns() throws Exception {
        OrderFixtures.Placed unpaid = fixtures.placeOrder(Tokens.customer(), 900, 3, 1);
        fixtures.ageOrder(unpaid.orderId(), Duration.ofMinutes(45));
        String abandoned = anonymousCart();
        committed.update("update cart_cart set updated_at = updated_at - interval 40 day where id = unhex(replace(?, '-', ''))",
                abandoned);

        // instance B is running the payment timeout right now
        SimpleLock heldByB = instanceB.lock(lock("orders.payment-timeout", Duration.ofMinutes(5))).orElseThrow();

        paymentTimeout.scheduledRun();
        assertThat(fixtures.statusOf(unpaid.orderId())).as("the run B is doing is not done again on A")
                .isEqualTo("PENDING_PAYMENT");
        assertThat(lockedBy("orders.payment-timeout")).isEqualTo("instance-b");

        // another job is not held up by B's lock
        carts.scheduledPurge();
        mvc.perform(get("/api/carts/{id}", abandoned)).andExpect(status().isNotFound());
        assertThat(lockedBy("cart.purge-abandoned")).isNotEqualTo("instance-b");

        // B is done: A's next turn takes the job
        heldByB.unlock();
        paymentTimeout.scheduledRun();
        assertThat(fixtures.statusOf(unpaid.orderId())).isEqualTo("CANCELLED");
        assertThat(lockedBy("orders.payment-timeout")).isNotEqualTo("instance-b");
    }

    @Test
    void ofTwoInstancesStartingOneJobAtTheSameMomentExactlyOneRunsIt() throws Exception {
        String name = "test.race-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        List<LockingTaskExecutor> executors = List.of(new DefaultLockingTaskExecutor(instanceA),
                new DefaultLockingTaskExecutor(instanceA), new DefaultLockingTaskExecutor(instanceB),
                new DefaultLockingTaskExecutor(instanceB));
        CyclicBarrier start = new CyclicBarrier(executors.size());
        ExecutorService threads = Executors.newFixedThreadPool(executors.size());
        try {
            List<Future<Boolean>> executed = new ArrayList<>();
            for (LockingTaskExecutor executor : executors) {
                executed.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return runOnce(executor, name, runs);
                }));
            }
            int ran = 0;
            for (Future<Boolean> result : executed) {
                ran += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(runs).hasValue(1);
            assertThat(ran).isEqualTo(1);
        } finally {
            threads.shutdownNow();
            committed.update("delete from shedlock where name = ?", name);
        }
    }

    @Test
    void everyScheduledJobTakesItsLock() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.example.shop");
        methods().that().areAnnotatedWith(Scheduled.class).should().beAnnotatedWith(SchedulerLock.class)
                .because("with several instances each job's run must be done once (docs/operations.md, "
                        + "\"Scheduled jobs on several instances\")")
                .check(classes);
    }

    /** The job of {@code ofTwoInstances...}: counts its runs and is still running when the others try. */
    private static boolean runOnce(LockingTaskExecutor executor, String name, AtomicInteger runs) throws Exception {
        try {
            return executor.executeWithLock(() -> {
                runs.incrementAndGet();
                Thread.sleep(500);
                return null;
            }, lock(name, Duration.ofMinutes(1))).wasExecuted();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable other) {
            throw new IllegalStateException(other);
        }
    }

    private String lockedBy(String name) {
        return jdbc.queryForObject("select locked_by from shedlock where name = ?", String.class, name);
    }

    private String anonymousCart() throws Exception {
        return JsonPath.read(mvc.perform(post("/api/carts")).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(), "$.id");
    }

    private static LockConfiguration lock(String name, Duration atMostFor) {
        return new LockConfiguration(Instant.now(), name, atMostFor, Duration.ZERO);
    }
}
