package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import com.example.shop.payments.PaymentNotFound;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.PaymentStatus;
import com.example.shop.payments.PaymentView;
import com.example.shop.payments.Payments;
import com.example.shop.payments.RefundView;
import com.example.shop.payments.StartPayment;
import com.example.shop.shared.Money;

/**
 * The payments module's application service: the use cases of {@link Payments} (start, cancel, refund, find)
 * that other modules call. Not transactional on purpose: each method reads what is
 * stored, calls Stripe with no transaction open, then stores the result in a short transaction of its own
 * ({@link PaymentLedger}).
 */
@Service
class PaymentService implements Payments {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentLedger ledger;
    private final StripeGateway stripe;
    private final StripeProperties properties;

    PaymentService(PaymentLedger ledger, StripeGateway stripe, StripeProperties properties) {
        this.ledger = ledger;
        this.stripe = stripe;
        this.properties = properties;
    }

    @Override
    public PaymentView start(StartPayment request) {
        return start(request, ledger.find(request.reference()));
    }

    @Override
    public PaymentView startFirst(StartPayment request) {
        return start(request, Optional.empty());
    }

    private PaymentView start(StartPayment request, Optional<Payment> existing) {
        if (existing.isPresent() && existing.get().status() != PaymentStatus.CANCELLED) {
            Payment payment = existing.get();
            if (!payment.amount().equals(request.amount())) {
                throw new PaymentRejected("Reference " + request.reference() + " already has a payment of "
                        + payment.amount() + ", not " + request.amount() + ".", "amount_differs", null);
            }
            return view(payment);
        }
        int attempt = existing.map(payment -> payment.attempt() + 1).orElse(1);
        IntentSnapshot intent = stripe.createIntent(request, attempt);
        for (int tries = 1; ; tries++) {
            try {
                return view(ledger.store(request, attempt, intent, tries == 1 && existing.isEmpty()));
            } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
                // A concurrent start (same idempotency key, so the same PaymentIntent) or a webhook adopting
                // the PaymentIntent stored the reference first; storing again finds and returns it.
                if (tries == 3) {
                    throw e;
                }
                log.debug("Storing the payment of {} met a concurrent store ({}); trying again", request.reference(),
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void cancel(String reference) {
        Payment payment = ledger.find(reference).orElseThrow(() -> new PaymentNotFound(reference));
        if (payment.status().isFinal()) {
            return;
        }
        IntentSnapshot intent = stripe.cancelIntent(payment.paymentIntentId());
        Outcome outcome = ledger.applyIntent(intent, Instant.now());
        log.info("Cancel of payment {} ({}): Stripe says {}, {}", reference, intent.id(), intent.status(),
                outcome.label());
    }

    @Override
    public RefundView refund(String reference, @Nullable Money amount, String idempotencyKey,
            @Nullable String reason) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("a refund needs an idempotency key of 1 to 200 characters");
        }
        RefundClaim claim = ledger.claimRefund(reference, amount, idempotencyKey, reason);
        if (claim.alreadyDone()) {
            RefundRecord earlier = claim.earlier();
            return new RefundView(reference, earlier.refundId(), earlier.amount(), earlier.status(), claim.refunded());
        }
        RefundSnapshot made;
        try {
            made = stripe.refund(reference, claim.paymentIntentId(), claim.amount(), idempotencyKey, reason);
        } catch (RuntimeException e) {
            ledger.releaseRefund(reference, idempotencyKey);
            throw e;
        }
        Payment updated = ledger.confirmRefund(reference, idempotencyKey, made, reason);
        return new RefundView(reference, made.id(), new Money(made.amount(), claim.amount().currency()), made.status(),
                updated.refunded());
    }

    @Override
    public Optional<PaymentView> find(String reference) {
        return ledger.find(reference).map(this::view);
    }

    private PaymentView view(Payment payment) {
        return new PaymentView(payment.reference(), payment.paymentIntentId(), payment.clientSecret(),
                payment.status(), payment.amount(), payment.refunded(), properties.publishableKey());
    }
}
