package com.example.shop.payments.internal;

import java.util.Locale;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.StartPayment;
import com.example.shop.shared.Money;

/**
 * Every call this module makes to Stripe, and the translation of Stripe's errors into this module's two
 * outcomes: {@link PaymentRejected} (the request itself is refused) and {@link PaymentProviderUnavailable}
 * (Stripe could not be reached or failed; the same call may be repeated later, with the same idempotency
 * key). stripe-java retries network errors, 409s and 5xx itself ({@code shop.stripe.max-network-retries}),
 * reusing the idempotency key we give it.
 */
@Component
class StripeGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

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
                () -> IntentSnapshot.of(stripe.v1().paymentIntents().create(params.build(), options)));
    }

    IntentSnapshot retrieveIntent(String paymentIntentId) {
        return call("retrieve " + paymentIntentId,
                () -> IntentSnapshot.of(stripe.v1().paymentIntents().retrieve(paymentIntentId)));
    }

    /** Cancels a PaymentIntent; when Stripe refuses (it succeeded or was canceled meanwhile) its real state. */
    IntentSnapshot cancelIntent(String paymentIntentId) {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("shop-cancel:" + paymentIntentId).build();
        try {
            return call("cancel " + paymentIntentId,
                    () -> IntentSnapshot.of(stripe.v1().paymentIntents().cancel(paymentIntentId, options)));
        } catch (PaymentRejected e) {
            log.info("Stripe did not cancel {} ({}); taking its current state", paymentIntentId, e.getMessage());
            return retrieveIntent(paymentIntentId);
        }
    }

    Charge retrieveCharge(String chargeId) {
        return call("retrieve " + chargeId, () -> stripe.v1().charges().retrieve(chargeId));
    }

    Dispute retrieveDispute(String disputeId) {
        return call("retrieve " + disputeId, () -> stripe.v1().disputes().retrieve(disputeId));
    }

    Refund refund(String reference, String paymentIntentId, Money amount, String idempotencyKey,
            @Nullable String reason) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amount.amount())
                .putMetadata(IntentSnapshot.REFERENCE_KEY, reference);
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
                .setIdempotencyKey("shop-refund:" + reference + ":" + idempotencyKey)
                .build();
        return call("refund " + paymentIntentId, () -> stripe.v1().refunds().create(params.build(), options));
    }

    private <T> T call(String what, StripeCall<T> call) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // A slow Stripe must never hold a database connection and its row locks.
            throw new IllegalStateException("Stripe is never called inside a database transaction: " + what);
        }
        try {
            return call.call();
        } catch (CardException e) {
            throw new PaymentRejected("The card was declined: " + e.getStripeError().getMessage(),
                    e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(), e);
        } catch (InvalidRequestException | IdempotencyException | PermissionException e) {
            log.warn("Stripe refused to {}: {} ({})", what, e.getMessage(), e.getCode());
            throw new PaymentRejected("Stripe refused the request: " + stripeMessage(e), e.getCode(), e);
        } catch (AuthenticationException e) {
            log.error("Stripe rejected our API key while trying to {}; check STRIPE_SECRET_KEY", what);
            throw new PaymentProviderUnavailable("The payment provider is not available.", e);
        } catch (ApiConnectionException | ApiException | RateLimitException e) {
            log.warn("Stripe unavailable while trying to {}: {}", what, e.getMessage());
            throw new PaymentProviderUnavailable("The payment provider is not available; try again later.", e);
        } catch (StripeException e) {
            log.warn("Stripe failed to {}: {}", what, e.getMessage());
            throw new PaymentProviderUnavailable("The payment provider is not available; try again later.", e);
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
