package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import com.example.shop.payments.PaymentStatus;

interface PaymentRepository extends JpaRepository<Payment, UUID> {

    Optional<Payment> findByReference(String reference);

    Optional<Payment> findByPaymentIntentId(String paymentIntentId);

    /*
     * The payment row locked until the transaction ends: transitions of one payment never interleave.
     * Native on purpose: for a JPQL PESSIMISTIC_WRITE Hibernate's MySQLDialect writes "for update of <alias>"
     * (MySQL 8 syntax), which MariaDB rejects; a plain "for update" works on both.
     */
    @Query(value = "select * from payments_payment where reference = :reference for update", nativeQuery = true)
    Optional<Payment> lockByReference(@Param("reference") String reference);

    @Query(value = "select * from payments_payment where payment_intent_id = :paymentIntentId for update",
            nativeQuery = true)
    Optional<Payment> lockByPaymentIntentId(@Param("paymentIntentId") String paymentIntentId);

    boolean existsByPaymentIntentId(String paymentIntentId);

    /**
     * Payments still waiting for Stripe that were created, and last checked, before the cutoff, the one
     * longest unlooked-at first (last checked, or else created), so no group of payments that never resolves
     * keeps the others out of every batch.
     */
    @Query("""
            select p.paymentIntentId from Payment p
            where p.status in :statuses and p.createdAt < :cutoff
              and (p.checkedAt is null or p.checkedAt < :cutoff) and p.reviewReason is null
            order by coalesce(p.checkedAt, p.createdAt)""")
    List<String> findStale(@Param("statuses") Collection<PaymentStatus> statuses, @Param("cutoff") Instant cutoff,
            Pageable page);
}
