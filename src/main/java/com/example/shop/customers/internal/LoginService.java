package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.customers.CustomerId;

/**
 * Login, refresh and logout. A login starts a session ("family") of refresh tokens; each refresh
 * uses its token up and issues the next one. Presenting a token that was already used means it was
 * copied: the whole family is revoked, which logs out both the thief and the victim.
 */
@Service
public class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final CustomerRepository customers;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final Passwords.DummyHash dummyHash;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final RefreshTokenProperties refreshProperties;
    private final PasswordRehash rehash;

    LoginService(CustomerRepository customers, RefreshTokenRepository refreshTokens, PasswordEncoder passwordEncoder,
            Passwords.DummyHash dummyHash, AccessTokens accessTokens, LoginThrottle throttle,
            RefreshTokenProperties refreshProperties, PasswordRehash rehash) {
        this.customers = customers;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.dummyHash = dummyHash;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.refreshProperties = refreshProperties;
        this.rehash = rehash;
    }

    /** An access token (JWT) and its refresh token; lifetimes in seconds. */
    public record TokenPair(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {

        @Override
        public String toString() {
            return "TokenPair[expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * Checks the credentials. Unknown e-mail and wrong password fail alike and cost alike: a
     * password is always checked against some bcrypt hash.
     *
     * @throws LoginThrottled      too many failures for the e-mail or the client address
     * @throws InvalidCredentials  wrong e-mail or password
     */
    public TokenPair login(String email, String password, String clientAddress) {
        String normalised = Emails.normalise(email);
        throttle.acquire(normalised, clientAddress);
        Optional<Customer> customer = customers.findByEmail(normalised);
        boolean matches = passwordEncoder.matches(password,
                customer.map(Customer::passwordHash).orElse(dummyHash.value()));
        if (customer.isEmpty() || !matches) {
            throw new InvalidCredentials();
        }
        throttle.succeeded(normalised, clientAddress);
        rehash.afterLogin(customer.get(), password);
        return issue(customer.get(), UUID.randomUUID(), Instant.now());
    }

    /**
     * Exchanges a refresh token for a new pair. The presented token is used up; presenting it
     * again revokes its whole family (the revocation is committed even though the call fails).
     * <p>
     * Read committed: under repeatable read, concurrent refreshes with one token queue on its index entry
     * with gap locks, and the winner's insert of the new token into the neighbouring gap then deadlocks
     * with them. Without gap locks they only wait for the winner's commit and then find the token used.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED, noRollbackFor = InvalidRefreshToken.class)
    public TokenPair refresh(String presented) {
        Instant now = Instant.now();
        String hash = OpaqueTokens.hash(presented);
        boolean used = refreshTokens.useIfFresh(hash, now) == 1;
        RefreshToken token = refreshTokens.findByTokenHash(hash).orElseThrow(InvalidRefreshToken::new);
        if (!used) {
            if (token.wasUsedOrRevoked()) {
                int revoked = refreshTokens.revokeFamily(token.familyId(), now);
                log.warn("Refresh token presented again for customer {}: session {} revoked ({} token(s))",
                        token.customerId(), token.familyId(), revoked);
            }
            throw new InvalidRefreshToken();
        }
        Customer customer = customers.findById(token.customerId()).orElseThrow(InvalidRefreshToken::new);
        return issue(customer, token.familyId(), now);
    }

    /** Ends the session the refresh token belongs to, if it is the caller's; unknown tokens are ignored. */
    @Transactional
    public void logout(CustomerId caller, String presented) {
        refreshTokens.findByTokenHash(OpaqueTokens.hash(presented))
                .filter(token -> token.customerId().equals(caller.value()))
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), Instant.now()));
    }

    private TokenPair issue(Customer customer, UUID family, Instant now) {
        String refresh = OpaqueTokens.generate();
        refreshTokens.save(RefreshToken.issue(customer.id(), family, OpaqueTokens.hash(refresh), now,
                now.plus(refreshProperties.ttl())));
        return new TokenPair(accessTokens.mint(customer, now), accessTokens.lifetimeSeconds(), refresh,
                refreshProperties.ttl().toSeconds());
    }
}
