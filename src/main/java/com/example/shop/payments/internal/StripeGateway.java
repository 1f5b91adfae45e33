package com.example.shop.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.example.shop.payments.PaymentProviderMisconfigured;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.RefundNotPossible;
import com.example.shop.payments.StartPayment;
import com.example.shop.shared.Money;

/**
 * Every call this module makes to Stripe. It answers in this module's snapshots ({@link IntentSnapshot},
 * {@link RefundSnapshot}, {@link ChargeSnapshot}, {@link DisputeSnapshot}; see {@link StripeGatewaySnapshots}),
 * never in stripe-java's types, and translates Stripe's errors into this module's outcomes:
 * {@link PaymentRejected} (the request itself is refused: a declined card, an invalid request, an idempotency
 * key reused with other parameters), {@link PaymentProviderUnavailable} (Stripe could not be reached or failed;
 * the same call may be repeated later, with the same idempotency key) and its special case
 * {@link PaymentProviderMisconfigured} (Stripe refuses our API key: logged as a configuration error).
 * stripe-java retries network errors, 409s and 5xx itself ({@code shop.stripe.max-network-retries}), reusing
 * the idempotency key we give it. Retrievals made while answering a webhook are not retried: Stripe
 * delivers the event again after a 503, and the webhook must answer quickly.
 */
@Component
class StripeGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    /** Retrievals while a webhook request waits: one attempt; after a 503 Stripe delivers the event again. */
    private static final RequestOptions WEBHOOK = RequestOptions.builder().setMaxNetworkRetries(0).build();
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final Set<String> NOTHING_LEFT_TO_REFUND = Set.of("amount_too_large", "charge_already_refunded");

    private final StripeClient stripe;

    StripeGateway(StripeClient stripe) {
        this.stripe = stripe;
    }

    /** The idempotency key of a reference's n-th PaymentIntent: the same request always gets the same key. */
    static String intentIdempotencyKey(String reference, int attempt) {
        return "shop-payment:" + reference + ":" + attempt;
    }

    IntentSnapshot createIntent(StartPayment request, int attempt) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().amount())
                .setCurrency(request.amount().currencyCode().toLowerCase(Locale.ROOT))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .putMetadata(IntentSnapshot.REFERENCE_KEY, request.reference())
                .putMetadata(IntentSnapshot.ATTEMPT_KEY, Integer.toString(attempt));
        if (request.customerEmail() != null && !request.customerEmail().isBlank()) {
            params.setReceiptEmail(request.customerEmail());
        }
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey(intentIdempotencyKey(request.reference(), attempt))
                .build();
        return call("create PaymentIntent for " + request.reference(),
                () -> StripeGatewaySnapshots.intent(stripe.v1().paymentIntents().create(params.build(), options)));
    }

    IntentSnapshot retrieveIntent(String paymentIntentId) {
        return call("retrieve " + paymentIntentId,
                () -> StripeGatewaySnapshots.intent(stripe.v1().paymentIntents().retrieve(paymentIntentId)));
    }

    /** The same, for a webhook: without network retries. */
    IntentSnapshot retrieveIntentForWebhook(String paymentIntentId) {
        return call("retrieve " + paymentIntentId,
                () -> StripeGatewaySnapshots.intent(stripe.v1().paymentIntents().retrieve(paymentIntentId, WEBHOOK)));
    }

    /** Cancels a PaymentIntent; when Stripe refuses (it succeeded or was cancelled meanwhile) its real state. */
    IntentSnapshot cancelIntent(String paymentIntentId) {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("shop-cancel:" + paymentIntentId).build();
        try {
            return call("cancel " + paymentIntentId,
                    () -> StripeGatewaySnapshots.intent(stripe.v1().paymentIntents().cancel(paymentIntentId, options)));
        } catch (PaymentRejected e) {
            log.info("Stripe did not cancel {} ({}); taking its current state", paymentIntentId, e.getMessage());
            return retrieveIntent(paymentIntentId);
        }
    }

    /** For a webhook: without network retries. */
    ChargeSnapshot retrieveCharge(String chargeId) {
        return call("retrieve " + chargeId,
                () -> StripeGatewaySnapshots.charge(stripe.v1().charges().retrieve(chargeId, WEBHOOK)));
    }

    /** For a webhook: without network retries. */
    DisputeSnapshot retrieveDispute(String disputeId) {
        return call("retrieve " + disputeId,
                () -> StripeGatewaySnapshots.dispute(stripe.v1().disputes().retrieve(disputeId, WEBHOOK)));
    }

    /**
     * The idempotency key of a refund: the caller's key for the reference. Stripe takes at most 255
     * characters, so a longer one stands for itself by its SHA-256 (still the same key every time).
     */
    static String refundIdempotencyKey(String reference, String idempotencyKey) {
        String key = "shop-refund:" + reference + ":" + idempotencyKey;
        return key.length() <= MAX_IDEMPOTENCY_KEY ? key
                : "shop-refund:sha256:" + sha256(reference + ":" + idempotencyKey);
    }

    /**
     * Refunds part or all of a PaymentIntent. Stripe's own refusal because less is left than asked (a refund
     * made elsewhere that this system has not heard of yet) is a {@link RefundNotPossible}, like the check
     * made before calling.
     */
    RefundSnapshot refund(String reference, String paymentIntentId, Money amount, String idempotencyKey,
            @Nullable String reason) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amount.amount())
                .putMetadata(IntentSnapshot.REFERENCE_KEY, reference)
                .putMetadata(RefundSnapshot.SHOP_KEY, idempotencyKey);
        if (reason != null && !reason.isBlank()) {
            params.putMetadata("reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
            switch (reason.toLowerCase(Locale.ROOT)) {
                case "duplicate" -> params.setReason(RefundCreateParams.Reason.DUPLICATE);
                case "fraudulent" -> params.setReason(RefundCreateParams.Reason.FRAUDULENT);
                case "requested_by_customer" -> params.setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER);
                default -> {
                }
            }
        }
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey(refundIdempotencyKey(reference, idempotencyKey))
                .build();
        try {
            return call("refund " + paymentIntentId,
                    () -> StripeGatewaySnapshots.refund(stripe.v1().refunds().create(params.build(), options)));
        } catch (PaymentRejected e) {
            if (NOTHING_LEFT_TO_REFUND.contains(e.code())) {
                throw new RefundNotPossible("Stripe refuses to refund " + amount + " of payment " + reference
                        + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** For a webhook: a refund by id, without network retries. */
    RefundSnapshot retrieveRefund(String refundId) {
        return call("retrieve " + refundId,
                () -> StripeGatewaySnapshots.refund(stripe.v1().refunds().retrieve(refundId, WEBHOOK)));
    }

    /** For a webhook: every refund of a PaymentIntent (page by page), without network retries. */
    List<RefundSnapshot> refundsOf(String paymentIntentId) {
        return call("list the refunds of " + paymentIntentId, () -> {
            List<RefundSnapshot> all = new ArrayList<>();
            RefundListParams.Builder params = RefundListParams.builder().setPaymentIntent(paymentIntentId)
                    .setLimit(100L);
            StripeCollection<Refund> page = stripe.v1().refunds().list(params.build(), WEBHOOK);
            page.getData().forEach(refund -> all.add(StripeGatewaySnapshots.refund(refund)));
            while (Boolean.TRUE.equals(page.getHasMore()) && !page.getData().isEmpty()) {
                String last = page.getData().get(page.getData().size() - 1).getId();
                page = stripe.v1().refunds().list(params.setStartingAfter(last).build(), WEBHOOK);
                page.getData().forEach(refund -> all.add(StripeGatewaySnapshots.refund(refund)));
            }
            return all;
        });
    }

    private <T> T call(String what, StripeCall<T> call) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // A slow Stripe must never hold a database connection and its row locks.
            throw new IllegalStateException("Stripe is never called inside a database transaction: " + what);
        }
        try {
            return call.call();
        } catch (CardException e) {
            throw new PaymentRejected("The card was declined: " + stripeMessage(e),
                    e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(), e);
        } catch (IdempotencyException e) {
            // Stripe keeps the first request made under a key for 24 hours and refuses another one with
            // different parameters: this request was not carried out, and repeating it will not change that.
            log.error("Stripe refused to {}: its idempotency key was already used for a request with other"
                    + " parameters ({})", what, stripeMessage(e));
            throw new PaymentRejected("Stripe already received a different request under the same idempotency"
                    + " key; this one was not carried out.", "idempotency_key_reused", e);
        } catch (InvalidRequestException e) {
            log.warn("Stripe refused to {}: {} ({})", what, e.getMessage(), e.getCode());
            throw new PaymentRejected("Stripe refused the request: " + stripeMessage(e), e.getCode(), e);
        } catch (AuthenticationException e) { // and its subclass PermissionException (403)
            log.error("Configuration error: Stripe refused this shop's API key while trying to {} (HTTP {}: {})."
                    + " Retrying will not help until STRIPE_SECRET_KEY (and its permissions) is fixed.", what,
                    e.getStatusCode(), stripeMessage(e));
            throw new PaymentProviderMisconfigured("The payment provider is not available.", e);
        } catch (ApiConnectionException | ApiException | RateLimitException e) {
            log.warn("Stripe unavailable while trying to {}: {}", what, e.getMessage());
            throw new PaymentProviderUnavailable("The payment provider is not available; try again later.", e);
        } catch (StripeException e) {
            log.warn("Stripe failed to {}: {}", what, e.getMessage());
            throw new PaymentProviderUnavailable("The payment provider is not available; try again later.", e);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripeMessage(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage()
                : "request not accepted";
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T call() throws StripeException;
    }
}
