package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PasswordResetRepository extends JpaRepository<PasswordReset, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from PasswordReset r where r.tokenHash = :hash")
    Optional<PasswordReset> lockByHash(@Param("hash") String hash);

    /** Ends every other pending reset of the customer once one has been used. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update PasswordReset r set r.usedAt = :now where r.customerId = :customer and r.usedAt is null")
    int closeAllOf(@Param("customer") UUID customer, @Param("now") Instant now);

    @Modifying
    @Query("delete from PasswordReset r where r.expiresAt < :before")
    int deleteExpiredBefore(@Param("before") Instant before);
}
