package com.example.shop.payments;

import java.util.Optional;


import com.example.shop.shared.Money;
import org.jspecify.annotations.Nullable;

/**
 * The payments module's entry point for other modules. It speaks of a neutral <em>reference</em> (for the
 * shop, the order id as a string), never of orders.
 * <p>
 * Every method that talks to Stripe does so outside any database transaction, and refuses with an
 * {@link IllegalStateException} to be called inside one of the caller's: a slow Stripe must never hold a
 * database connection or row locks. Call it after your transaction has committed.
 */
public interface Payments {

    /**
     * Creates the Stripe PaymentIntent for a reference, or returns the one it already has. Calling it
     * again for the same reference never creates a second PaymentIntent, unless the previous one was
     * cancelled, in which case a new attempt starts.
     *
     * @throws PaymentProviderUnavailable when Stripe cannot be reached or fails; calling again is safe
     * @throws PaymentRejected when Stripe refuses the request
     */
    PaymentView start(StartPayment request);

    /**
     * {@link #start} for a reference that had no payment until now (an order the caller placed in this request):
     * the same, without first looking for an earlier payment. Should one have been stored meanwhile (a concurrent
     * start, a webhook), it is found and returned, as {@link #start} would.
     */
    default PaymentView startFirst(StartPayment request) {
        return start(request);
    }

    /**
     * Cancels the payment of a reference if its PaymentIntent can still be cancelled; a payment that has
     * already succeeded or been cancelled is left as it is.
     *
     * @throws PaymentNotFound when the reference has no payment
     */
    void cancel(String reference);

    /**
     * Refunds a captured payment in full ({@code amount == null}: everything still refundable) or in part.
     * The same {@code idempotencyKey} for the same reference always means the same refund. The amount is
     * checked and reserved under the payment's row lock before Stripe is called, so concurrent refunds can
     * never together ask for more than is left; the reservation is released when Stripe does not refund.
     *
     * @throws RefundNotPossible when nothing (or less than asked) can be refunded: then Stripe is not called,
     *         or (a refund made elsewhere not heard of yet) Stripe refused it as too large
     * @throws PaymentNotFound when the reference has no payment
     */
    RefundView refund(String reference, @Nullable Money amount, String idempotencyKey, @Nullable String reason);

    Optional<PaymentView> find(String reference);
}
