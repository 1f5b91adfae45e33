package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RefundRecordRepository extends JpaRepository<RefundRecord, Long> {

    Optional<RefundRecord> findByReferenceAndIdempotencyKey(String reference, String idempotencyKey);

    Optional<RefundRecord> findByRefundId(String refundId);

    /** Deletes the reservation under a key, as long as it is one (no refund id filled in yet). */
    @Modifying
    @Query("delete from RefundRecord r where r.reference = :reference and r.idempotencyKey = :idempotencyKey"
            + " and r.refundId is null")
    int deleteReservation(@Param("reference") String reference, @Param("idempotencyKey") String idempotencyKey);

    /** What has been refunded of a reference: every refund Stripe has not failed or cancelled, counted once. */
    @Query("select coalesce(sum(r.amount.amount), 0) from RefundRecord r where r.reference = :reference"
            + " and r.status in ('succeeded', 'pending', 'requires_action')")
    long sumRefunded(@Param("reference") String reference);

    /** What the refunds of a reference that Stripe accepted and then failed or cancelled add up to; it only grows. */
    @Query("select coalesce(sum(r.amount.amount), 0) from RefundRecord r where r.reference = :reference"
            + " and r.status in ('failed', 'canceled')")
    long sumFailed(@Param("reference") String reference);

    /** What refunds about to be asked for hold (reservations made since {@code since}; older ones are stale). */
    @Query("select coalesce(sum(r.amount.amount), 0) from RefundRecord r where r.reference = :reference"
            + " and r.status = 'requested' and r.createdAt > :since")
    long sumReserved(@Param("reference") String reference, @Param("since") Instant since);
}
