package com.example.shop.customers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.customers.CustomerId;
import com.example.shop.customers.Customers;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first administrator comes from configuration, once, however many instances start at the same time. */
@IntegrationTest
class AdminBootstrapTests {

    @Autowired
    AccountService accounts;

    @Autowired
    Customers customers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void severalInstancesStartingTogetherCreateOneAdministrator() throws Exception {
        String email = "admin-" + UUID.randomUUID() + "@shop.test";
        int instances = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            AdminBootstrap bootstrap = new AdminBootstrap(accounts, new AdminProperties(email, "admin-password", "Admin"));
            runs.add(pool.submit(() -> {
                start.await();
                bootstrap.run(new DefaultApplicationArguments());
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(jdbc.queryForObject("select count(*) from customers_customer where email = ?", Integer.class, email))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("select r.role from customers_customer_role r join customers_customer c "
                + "on c.id = r.customer_id where c.email = ? order by r.role", String.class, email))
                .containsExactly("ADMIN", "CUSTOMER");
        // a restart changes nothing
        assertThat(accounts.createAdminIfAbsent(email, "another-password", "Admin")).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from customers_customer where email = ?", Integer.class, email))
                .isEqualTo(1);
    }

    @Test
    void anExistingCustomerIsNotPromoted() {
        String email = "squatter-" + UUID.randomUUID() + "@shop.test";
        accounts.register(email, "squatter-password", "Squatter", "2001:db8:admin::1");

        assertThat(accounts.createAdminIfAbsent(email, "admin-password", "Admin")).isFalse();
        assertThat(jdbc.queryForList("select r.role from customers_customer_role r join customers_customer c "
                + "on c.id = r.customer_id where c.email = ?", String.class, email)).containsExactly("CUSTOMER");
    }

    @Test
    void nothingHappensWithoutConfigurationAndAShortPasswordIsRefused() {
        new AdminBootstrap(accounts, new AdminProperties(null, null, "Admin")).run(new DefaultApplicationArguments());
        assertThatThrownBy(() -> new AdminBootstrap(accounts,
                new AdminProperties("short-" + UUID.randomUUID() + "@shop.test", "short", "Admin"))
                .run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void otherModulesFindCustomersById() {
        String email = "found-" + UUID.randomUUID() + "@shop.test";
        AccountService.Account account = accounts.register(email, "found-password", "Found", "2001:db8:admin::1");

        assertThat(customers.find(new CustomerId(account.id())))
                .hasValueSatisfying(summary -> {
                    assertThat(summary.email()).isEqualTo(email);
                    assertThat(summary.name()).isEqualTo("Found");
                });
        assertThat(customers.find(CustomerId.random())).isEmpty();
    }
}
