package com.example.shop.customers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.IntegrationTest;

import static com.example.shop.customers.CustomerFixtures.PASSWORD;
import static com.example.shop.customers.CustomerFixtures.from;
import static com.example.shop.customers.CustomerFixtures.json;
import static com.example.shop.customers.CustomerFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Password reset the way a customer lives it: the link arrives by mail (through Spring's
 * {@code JavaMailSender}, here one that records instead of sending), its token resets the password.
 * Also what the request path does not do: look anything up itself, or send more mails than the limits
 * allow.
 */
@IntegrationTest
class PasswordResetByMailTests {

    static final String NEW_PASSWORD = "a brand new password";
    static final Pattern LINK = Pattern.compile("http://localhost:3000/reset-password\\?token=(\\S+)");

    @TestConfiguration(proxyBeanMethods = false)
    static class Mail {

        @Bean
        RecordingMailSender mailSender() {
            return new RecordingMailSender();
        }

        /** Counts the bcrypt hashes computed for new passwords. */
        @Bean
        static BeanPostProcessor countingPasswordEncoder() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof PasswordEncoder encoder ? new CountingEncoder(encoder) : bean;
                }
            };
        }
    }

    /** Keeps the mails; {@link #hold()} makes the sending thread wait until {@link #release()}. */
    static class RecordingMailSender extends JavaMailSenderImpl {

        final List<SimpleMailMessage> sent = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile CountDownLatch waiting = new CountDownLatch(0);

        @Override
        public void send(SimpleMailMessage... messages) {
            waiting.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.addAll(List.of(messages));
        }

        void hold() {
            waiting = new CountDownLatch(1);
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        List<SimpleMailMessage> to(String email) {
            return sent.stream().filter(m -> m.getTo() != null && List.of(m.getTo()).contains(email)).toList();
        }
    }

    record CountingEncoder(PasswordEncoder delegate, AtomicInteger encodes) implements PasswordEncoder {

        CountingEncoder(PasswordEncoder delegate) {
            this(delegate, new AtomicInteger());
        }

        @Override
        public String encode(CharSequence raw) {
            encodes.incrementAndGet();
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return delegate.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return delegate.upgradeEncoding(encoded);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RecordingMailSender mail;

    @Autowired
    @Qualifier("applicationTaskExecutor")
    ThreadPoolTaskExecutor executor;

    @Autowired
    PasswordEncoder passwordEncoder;

    @AfterEach
    void releaseTheMailer() {
        mail.release();
    }

    int resetsOf(String email) {
        return jdbc.queryForObject("select count(*) from customers_password_reset where customer_id = "
                + "(select id from customers_customer where email = ?)", Integer.class, email);
    }

    void requestReset(String email, String clientAddress) throws Exception {
        mvc.perform(post("/api/auth/password-reset").with(from(clientAddress)).contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", email)))
                .andExpect(status().isAccepted());
    }

    SimpleMailMessage awaitMailTo(String email) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !mail.to(email).isEmpty());
        return mail.to(email).get(mail.to(email).size() - 1);
    }

    /**
     * Waits until the reset worker has dealt with everything requested so far: it works in order, so a
     * fresh customer's mail arriving means every earlier request is done.
     */
    void awaitWorkerIdle() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String marker = fixtures.register(uniqueEmail()).email();
        requestReset(marker, fixtures.address());
        awaitMailTo(marker);
    }

    static String tokenOf(SimpleMailMessage message) {
        Matcher link = LINK.matcher(message.getText());
        assertThat(link.find()).as(message.getText()).isTrue();
        return link.group(1);
    }

    void confirm(String token, String newPassword, String clientAddress) throws Exception {
        mvc.perform(post("/api/auth/password-reset/confirm").with(from(clientAddress))
                        .contentType(MediaType.APPLICATION_JSON).content(json("token", token, "newPassword", newPassword)))
                .andExpect(status().isNoContent());
    }

    @Test
    void theMailedLinkResetsThePasswordAndEndsEverySession() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        CustomerFixtures.Session session = fixtures.newCustomer();

        requestReset("  " + session.email().toUpperCase() + " ", fixtures.address());

        SimpleMailMessage message = awaitMailTo(session.email());
        assertThat(message.getFrom()).isEqualTo("no-reply@shop.example");
        assertThat(message.getSubject()).isEqualTo("Reset your password");
        assertThat(message.getText()).startsWith("Hello Ada Lovelace,").contains("within 30 minutes");
        confirm(tokenOf(message), NEW_PASSWORD, fixtures.address());

        assertThat(fixtures.loginResult(session.email(), NEW_PASSWORD).getResponse().getStatus()).isEqualTo(200);
        assertThat(fixtures.loginResult(session.email(), PASSWORD).getResponse().getStatus()).isEqualTo(401);
        assertThat(fixtures.refresh(session.refreshToken()).getResponse().getStatus()).isEqualTo(401);
        // the link works once
        mvc.perform(post("/api/auth/password-reset/confirm").with(from(fixtures.address()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("token", tokenOf(message), "newPassword", "yet another password")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theRequestItselfNeitherLooksUpNorStoresAnything() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();

        // every thread of the task executor busy: the request's background work waits in the executor's queue
        int threads = executor.getCorePoolSize();
        CountDownLatch busy = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            executor.execute(() -> {
                busy.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(busy.await(15, TimeUnit.SECONDS)).as("all executor threads are held").isTrue();
            // a known e-mail's request returns without having looked anything up or stored its reset
            requestReset(email, fixtures.address());
            assertThat(resetsOf(email)).isZero();
            assertThat(mail.to(email)).isEmpty();
        } finally {
            release.countDown();
        }
        awaitMailTo(email);
        assertThat(resetsOf(email)).isEqualTo(1);
    }

    @Test
    void whileALinkIsPendingNoSecondOneIsSent() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();
        requestReset(email, fixtures.address());
        String token = tokenOf(awaitMailTo(email));

        requestReset(email, CustomerFixtures.newClientAddress());
        awaitWorkerIdle();
        assertThat(mail.to(email)).hasSize(1);
        assertThat(resetsOf(email)).isEqualTo(1);

        // once used, a new request sends a new link
        confirm(token, NEW_PASSWORD, fixtures.address());
        requestReset(email, fixtures.address());
        await().atMost(Duration.ofSeconds(15)).until(() -> mail.to(email).size() == 2);
    }

    @Test
    void requestsBeyondTheLimitPerEmailAreAcceptedButSendNothing() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();
        int mails = 0;
        do {
            requestReset(email, CustomerFixtures.newClientAddress());
            awaitWorkerIdle();
            if (mail.to(email).size() == mails) {
                break;
            }
            mails = mail.to(email).size();
            // use the link, so that no pending reset holds the next one back
            confirm(tokenOf(mail.to(email).get(mails - 1)), NEW_PASSWORD + mails, fixtures.address());
        } while (mails < 20);
        assertThat(mails).as("limited, after a few").isBetween(2, 19);
    }

    @Test
    void requestsBeyondTheLimitPerAddressAreAcceptedButSendNothing() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();
        String flooder = CustomerFixtures.newClientAddress();
        for (int i = 0; i < 100; i++) {
            requestReset(uniqueEmail(), flooder);
        }
        requestReset(email, flooder);
        awaitWorkerIdle();
        assertThat(mail.to(email)).isEmpty();
        assertThat(resetsOf(email)).isZero();

        // the e-mail itself is not held back by the flood
        requestReset(email, fixtures.address());
        awaitMailTo(email);
    }

    @Test
    void anUnknownTokenCostsNoPasswordHash() throws Exception {
        AtomicInteger encodes = ((CountingEncoder) passwordEncoder).encodes();
        int before = encodes.get();
        mvc.perform(post("/api/auth/password-reset/confirm").with(from(CustomerFixtures.newClientAddress()))
                        .contentType(MediaType.APPLICATION_JSON).content(json("token", "made-up", "newPassword", NEW_PASSWORD)))
                .andExpect(status().isBadRequest());
        assertThat(encodes.get()).isEqualTo(before);
    }
}
