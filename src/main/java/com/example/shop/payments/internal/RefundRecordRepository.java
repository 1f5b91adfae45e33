package com.example.shop.payments.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RefundRecordRepository extends JpaRepository<RefundRecord, Long> {

    Optional<RefundRecord> findByReferenceAndIdempotencyKey(String reference, String idempotencyKey);

    Optional<RefundRecord> findByRefundId(String refundId);

    /** What this system has refunded of a reference, counting refunds Stripe has not failed or canceled. */
    @Query("select coalesce(sum(r.amount), 0) from RefundRecord r where r.reference = :reference"
            + " and r.status in ('succeeded', 'pending', 'requires_action')")
    long sumRefunded(@Param("reference") String reference);
}
