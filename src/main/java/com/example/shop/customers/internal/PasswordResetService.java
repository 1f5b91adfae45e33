package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords. A request always looks the same from outside (no account enumeration): it is
 * throttled and handed to the background {@link PasswordResetWorker} whatever the e-mail, so known and unknown
 * e-mails cost the caller the same. The worker looks the e-mail up and, for an account without a recent
 * pending reset, stores a single-use, time-limited token (as a hash) and mails its link. Confirming checks the
 * token first, then sets the new password and revokes every refresh token.
 */
@Service
public class PasswordResetService {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);

    private final CustomerRepository customers;
    private final PasswordResetRepository resets;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final PasswordResetMail mail;
    private final PasswordProperties properties;
    private final RequestThrottle throttle;
    private final TransactionTemplate transaction;
    private final PasswordResetWorker worker;

    PasswordResetService(CustomerRepository customers, PasswordResetRepository resets,
            RefreshTokenRepository refreshTokens, PasswordEncoder passwordEncoder, PasswordResetMail mail,
            PasswordProperties properties, RequestThrottle throttle, PlatformTransactionManager transactions,
            PasswordResetWorker worker) {
        this.customers = customers;
        this.resets = resets;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.mail = mail;
        this.properties = properties;
        this.throttle = throttle;
        this.transaction = new TransactionTemplate(transactions);
        this.worker = worker;
    }

    /**
     * Starts a reset in the background if the e-mail belongs to an account; otherwise, or beyond the limits
     * per e-mail and per client address, does nothing, silently.
     */
    public void request(String email, String clientAddress) {
        String normalised = Emails.normalise(email);
        if (!throttle.resetRequest(normalised, clientAddress)) {
            log.debug("Password-reset request for {} dropped: too many requests", Emails.masked(normalised));
            return;
        }
        if (!worker.submit(() -> start(normalised))) {
            log.warn("Password-reset request for {} dropped: the queue is full", Emails.masked(normalised));
        }
    }

    private void start(String email) {
        try {
            String token = OpaqueTokens.generate();
            Instant now = Instant.now();
            Optional<Customer> customer = transaction.execute(status -> {
                Optional<Customer> found = customers.findByEmail(email);
                if (found.isEmpty() || resets.countPendingCreatedAfter(found.get().id(),
                        now.minus(properties.resetRequestInterval()), now) > 0) {
                    return Optional.empty();
                }
                resets.save(PasswordReset.start(found.get().id(), OpaqueTokens.hash(token), now,
                        now.plus(properties.resetTokenTtl())));
                return found;
            });
            customer.ifPresent(c -> mail.send(c.email(), c.name(), properties.resetLinkBase() + token));
        } catch (RuntimeException e) {
            log.warn("Password reset for {} failed: {}", Emails.masked(email), e.toString());
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
}
