package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords. A request always looks the same from outside (no account enumeration): for
 * a known e-mail a single-use, time-limited token is stored (as a hash) and its link is mailed in the
 * background, after the commit. Confirming sets the new password and revokes every refresh token.
 */
@Service
public class PasswordResets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final CustomerRepository customers;
    private final PasswordResetRepository resets;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final PasswordResetMail mail;
    private final PasswordProperties properties;
    private final RequestThrottle throttle;
    private final TransactionTemplate transaction;
    private final ThreadPoolExecutor mailer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "password-reset-mail");
                thread.setDaemon(true);
                return thread;
            });

    PasswordResets(CustomerRepository customers, PasswordResetRepository resets,
            RefreshTokenRepository refreshTokens, PasswordEncoder passwordEncoder, PasswordResetMail mail,
            PasswordProperties properties, RequestThrottle throttle, PlatformTransactionManager transactions) {
        this.customers = customers;
        this.resets = resets;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.mail = mail;
        this.properties = properties;
        this.throttle = throttle;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Starts a reset if the e-mail belongs to an account; otherwise does nothing, silently. */
    public void request(String email) {
        Optional<Customer> customer = customers.findByEmail(Emails.normalise(email));
        if (customer.isEmpty()) {
            return;
        }
        String token = OpaqueTokens.generate();
        Instant now = Instant.now();
        transaction.executeWithoutResult(status -> resets.save(PasswordReset.start(customer.get().id(),
                OpaqueTokens.hash(token), now, now.plus(properties.resetTokenTtl()))));
        String address = customer.get().email();
        String name = customer.get().name();
        String link = properties.resetLinkBase() + token;
        try {
            mailer.execute(() -> {
                try {
                    mail.send(address, name, link);
                } catch (RuntimeException e) {
                    log.warn("Password-reset mail for {} failed: {}", Emails.masked(address), e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Password-reset mail for {} dropped: the mail queue is full", Emails.masked(address));
        }
    }

    /**
     * Sets a new password with a reset token, which is then used up together with every other pending
     * reset of the account; all refresh tokens of the account are revoked. An unknown token costs no
     * password hash.
     *
     * @throws TooManyRequests   when the client address has tried too many tokens
     * @throws InvalidResetToken unknown, expired or already used token
     */
    public void confirm(String token, String newPassword, String clientAddress) {
        throttle.resetConfirmation(clientAddress);
        Passwords.requireHashable(newPassword);
        String tokenHash = OpaqueTokens.hash(token);
        if (resets.countPending(tokenHash, Instant.now()) == 0) {
            throw new InvalidResetToken();
        }
        String hash = passwordEncoder.encode(newPassword);
        transaction.executeWithoutResult(status -> {
            Instant now = Instant.now();
            if (resets.useIfPending(tokenHash, now) != 1) {
                throw new InvalidResetToken();
            }
            PasswordReset reset = resets.findByTokenHash(tokenHash).orElseThrow(InvalidResetToken::new);
            resets.closeAllOf(reset.customerId(), now);
            refreshTokens.revokeAllOf(reset.customerId(), now);
            Customer customer = customers.findById(reset.customerId()).orElseThrow(InvalidResetToken::new);
            customer.changePassword(hash, now);
        });
        log.info("Password reset completed");
    }

    @Override
    public void destroy() {
        mailer.shutdown();
    }
}
