package com.example.shop.customers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.customers.CustomerId;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Single-use and uniqueness rules hold when requests race, through the real services and database. */
@IntegrationTest
class CustomersConcurrencyTests {

    static final int THREADS = 8;

    @Autowired
    AccountService accounts;

    @Autowired
    LoginService logins;

    @Autowired
    AddressBookService addressBook;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentRefreshesWithOneTokenSucceedOnce() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        accounts.register(email, "race-password", "Racer", "2001:db8:race::1");
        // several rounds: the losers' locks and the winner's new token meet in the index only by chance
        for (int round = 0; round < 5; round++) {
            LoginService.TokenPair pair = logins.login(email, "race-password", "10.0.0.1");

            List<Outcome> outcomes = race(() -> logins.refresh(pair.refreshToken()));

            assertThat(outcomes.stream().filter(Outcome::succeeded).count()).isEqualTo(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded())
                    .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(InvalidRefreshToken.class))
                    .hasSize(THREADS - 1);
        }
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateOneAccount() throws Exception {
        String email = "twin-" + UUID.randomUUID() + "@example.com";

        List<Outcome> outcomes = race(() -> accounts.register(email, "twin-password", "Twin", "2001:db8:twin::1"));

        assertThat(outcomes.stream().filter(Outcome::succeeded).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> o.failure() instanceof EmailAlreadyRegistered).count())
                .isEqualTo(THREADS - 1);
        assertThat(jdbc.queryForObject("select count(*) from customers_customer where email = ?", Integer.class,
                email)).isEqualTo(1);
    }

    @Test
    void concurrentAdditionsDoNotTakeAnAddressBookPastItsLimit() throws Exception {
        String email = "mover-" + UUID.randomUUID() + "@example.com";
        CustomerId customer = new CustomerId(accounts.register(email, "mover-password", "Mover", "2001:db8:move::1").id());
        AddressBookService.AddressData home = new AddressBookService.AddressData("Mover", "1 Example Street", null,
                "Berlin", "10115", "DE");
        for (int i = 0; i < AddressBookService.MAX_ADDRESSES - 2; i++) {
            addressBook.add(customer, home);
        }

        List<Outcome> outcomes = race(() -> addressBook.add(customer, home));

        assertThat(outcomes.stream().filter(Outcome::succeeded).count()).isEqualTo(2);
        assertThat(outcomes.stream().filter(o -> o.failure() instanceof AddressBookFull).count())
                .isEqualTo(THREADS - 2);
        assertThat(addressBook.list(customer)).hasSize(AddressBookService.MAX_ADDRESSES);
    }

    record Outcome(boolean succeeded, Throwable failure) {
    }

    private static List<Outcome> race(Callable<?> action) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return action.call();
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<?> future : futures) {
                try {
                    future.get(60, TimeUnit.SECONDS);
                    outcomes.add(new Outcome(true, null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome(false, e.getCause()));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
