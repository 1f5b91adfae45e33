package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.example.shop.payments.PaymentProviderMisconfigured;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.PaymentStatus;

/**
 * A scheduled job, not an application service (only the scheduler starts it, like orders' payment timeout):
 * asks Stripe about payments that have waited longer than {@code shop.payments.reconciliation.stale-after}
 * without reaching a final state, and applies what Stripe says through the same transitions as the
 * webhook, so a lost webhook never leaves a payment (and its order) waiting.
 * <p>
 * Safe on several instances at once: each payment is applied under its row lock and every transition is
 * idempotent, so two instances checking the same payment publish its events once. A payment is checked
 * at most once per {@code stale-after}, least recently checked first, including one Stripe does not return
 * (a PaymentIntent of another account or key mode): it is logged and waits its turn again. Stripe
 * unavailable, or refusing the API key, stops the run: nothing is marked, the next run tries again. A
 * payment flagged for review (amount mismatch) is left to people.
 * <p>
 * Counted in {@code shop.payments.reconciliation} by {@code result}: {@code applied} (Stripe knew more: a lost
 * webhook), {@code unchanged}, {@code unretrievable} (Stripe does not return it), and {@code stopped} (a run
 * that met Stripe unavailable or refusing the key).
 */
@Component
public class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    private static final EnumSet<PaymentStatus> WAITING = EnumSet.of(PaymentStatus.PENDING, PaymentStatus.FAILED,
            PaymentStatus.PROCESSING);

    private final PaymentRepository payments;
    private final PaymentLedger ledger;
    private final StripeGateway stripe;
    private final ReconciliationProperties properties;
    private final MeterRegistry meters;

    PaymentReconciliation(PaymentRepository payments, PaymentLedger ledger, StripeGateway stripe,
            ReconciliationProperties properties, MeterRegistry meters) {
        this.payments = payments;
        this.ledger = ledger;
        this.stripe = stripe;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * The scheduled run, on one instance at a time. At most 30 minutes: a batch of Stripe retrievals (a hanging
     * Stripe stops the run at its first failure, after ~47 s; a slow one answers each within its timeouts); a run
     * beyond that overlapping another instance's is still safe (each payment applied under its row lock, every
     * transition idempotent). At least 1 minute between two instances' runs.
     */
    @Scheduled(fixedDelayString = "${shop.payments.reconciliation.interval:5m}",
            initialDelayString = "${shop.payments.reconciliation.initial-delay:1m}")
    @SchedulerLock(name = "payments.reconciliation", lockAtMostFor = "30m", lockAtLeastFor = "1m")
    public void scheduledRun() {
        reconcile();
    }

    /** Every payment older than the configured age. Returns how many changed. */
    public int reconcile() {
        return reconcileCreatedBefore(Instant.now().minus(properties.staleAfter()));
    }

    /** Checks waiting payments created (and last checked) before the cutoff, oldest first. */
    public int reconcileCreatedBefore(Instant cutoff) {
        List<String> stale = payments.findStale(WAITING, cutoff, PageRequest.of(0, properties.batchSize()));
        int changed = 0;
        for (String paymentIntentId : stale) {
            IntentSnapshot intent;
            try {
                intent = stripe.retrieveIntent(paymentIntentId);
            } catch (PaymentProviderMisconfigured e) {
                log.error("Reconciliation stopped: Stripe refuses this shop's API key (a configuration error)");
                count("stopped");
                break;
            } catch (PaymentProviderUnavailable e) {
                log.warn("Reconciliation stopped: Stripe unavailable ({})", e.getMessage());
                count("stopped");
                break;
            } catch (PaymentRejected e) {
                // checked all the same: asked again only after stale-after, so such payments cannot fill
                // every batch and starve the others
                log.error("Reconciliation: Stripe does not return PaymentIntent {} ({}); asking again in {}",
                        paymentIntentId, e.getMessage(), properties.staleAfter());
                ledger.checkedWithoutAnswer(paymentIntentId, Instant.now());
                count("unretrievable");
                continue;
            }
            Outcome outcome = ledger.reconcile(intent, Instant.now());
            count(outcome == Outcome.APPLIED ? "applied" : "unchanged");
            if (outcome == Outcome.APPLIED) {
                changed++;
                log.info("Reconciliation: PaymentIntent {} of {} is {} at Stripe; applied", paymentIntentId,
                        intent.reference(), intent.status());
            }
        }
        if (!stale.isEmpty()) {
            log.info("Reconciliation checked {} waiting payment(s), {} changed", stale.size(), changed);
        }
        return changed;
    }

    private void count(String result) {
        meters.counter("shop.payments.reconciliation", "result", result).increment();
    }
}
