package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PasswordResetRepository extends JpaRepository<PasswordReset, UUID> {

    Optional<PasswordReset> findByTokenHash(String tokenHash);

    /** 1 when the token belongs to a reset that is still pending and unexpired, 0 otherwise. */
    @Query("select count(r) from PasswordReset r where r.tokenHash = :hash and r.usedAt is null and r.expiresAt > :now")
    long countPending(@Param("hash") String hash, @Param("now") Instant now);

    /** Pending, unexpired resets of the customer created after {@code since}. */
    @Query("""
            select count(r) from PasswordReset r
            where r.customerId = :customer and r.usedAt is null and r.expiresAt > :now and r.createdAt > :since""")
    long countPendingCreatedAfter(@Param("customer") UUID customer, @Param("since") Instant since,
            @Param("now") Instant now);

    /**
     * Uses the reset up if it is still pending and unexpired (a conditional update: a token works once
     * even under concurrent confirmations).
     *
     * @return 1 when this call used it, 0 otherwise
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update PasswordReset r set r.usedAt = :now
            where r.tokenHash = :hash and r.usedAt is null and r.expiresAt > :now""")
    int useIfPending(@Param("hash") String hash, @Param("now") Instant now);

    /** Ends every other pending reset of the customer once one has been used. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update PasswordReset r set r.usedAt = :now where r.customerId = :customer and r.usedAt is null")
    int closeAllOf(@Param("customer") UUID customer, @Param("now") Instant now);

    @Modifying
    @Query("delete from PasswordReset r where r.expiresAt < :before")
    int deleteExpiredBefore(@Param("before") Instant before);
}
