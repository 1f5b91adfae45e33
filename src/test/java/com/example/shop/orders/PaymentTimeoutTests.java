package com.example.shop.orders;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.orders.internal.PaymentTimeout;
import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The payment-timeout job on the real database, with payments and the Stripe stand-in behind it. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PaymentTimeoutTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PaymentTimeout timeout;

    @Autowired
    MeterRegistry meters;

    @Autowired
    FailedEventPublications failedPublications;

    @Autowired
    OrderFixtures fixtures;

    @Test
    void anOrderThatCannotBeCancelledDoesNotStopTheOthersAndKeepsBeingTried(CapturedOutput output) throws Exception {
        String token = Tokens.customer();
        UUID stuckProduct = fixtures.catalog.product("Stuck", 700, 3);
        UUID freeProduct = fixtures.catalog.product("Free", 700, 3);
        OrderFixtures.Placed stuck = fixtures.placeOrder(token, stuckProduct, 1);
        OrderFixtures.Placed free = fixtures.placeOrder(token, freeProduct, 2);
        fixtures.ageOrder(stuck.orderId(), Duration.ofMinutes(400)); // the oldest: first in the job's list
        fixtures.ageOrder(free.orderId(), Duration.ofMinutes(35));
        // releasing the stuck order's reservation must fail: nothing is reserved any more
        fixtures.setReserved(stuckProduct, 0);

        timeout.cancelUnpaidOrders();

        assertThat(fixtures.statusOf(free.orderId())).isEqualTo("CANCELLED");
        assertThat(fixtures.stock(freeProduct)).containsExactly(3, 0);
        assertThat(fixtures.stripe.intentJson(free.paymentIntentId()).path("status").asString()).isEqualTo("canceled");
        assertThat(fixtures.statusOf(stuck.orderId())).isEqualTo("PENDING_PAYMENT");
        assertThat(meters.get("shop.orders.payment-timeout.failing").gauge().value()).isGreaterThanOrEqualTo(1);

        timeout.cancelUnpaidOrders();
        assertThat(output.getOut()).contains("Could not cancel unpaid order " + stuck.orderId() + " (2 runs in a row)");
        assertThat(fixtures.statusOf(stuck.orderId())).isEqualTo("PENDING_PAYMENT");

        fixtures.setReserved(stuckProduct, 1); // repaired: the next run cancels it
        timeout.cancelUnpaidOrders();
        assertThat(fixtures.statusOf(stuck.orderId())).isEqualTo("CANCELLED");
        assertThat(fixtures.stock(stuckProduct)).containsExactly(3, 0);
    }

    @Test
    void anOrderWhosePaymentIsProcessingOrAlreadyCapturedIsNotCancelled() throws Exception {
        String token = Tokens.customer();
        // a delayed payment method: Stripe is processing the payment (for days, with SEPA Direct Debit)
        UUID slowProduct = fixtures.catalog.product("Slow Pay", 1900, 3);
        OrderFixtures.Placed processing = fixtures.placeOrder(token, slowProduct, 1);
        StripeEvents.deliver(mvc, StripeEvents.event("payment_intent.processing",
                fixtures.stripe.markProcessing(processing.paymentIntentId()))).andExpect(status().isOk());
        // paid at Stripe and known to payments, but orders' reaction failed and waits for its redelivery
        UUID paidProduct = fixtures.catalog.product("Paid Pending", 2300, 3);
        OrderFixtures.Placed captured = fixtures.placeOrder(token, paidProduct, 2);
        fixtures.setReserved(paidProduct, 0);
        StripeEvents.deliver(mvc, StripeEvents.paymentSucceeded(captured.paymentIntentId())).andExpect(status().isOk());
        fixtures.awaitFailedReaction(captured.orderId());
        fixtures.ageOrder(processing.orderId(), Duration.ofMinutes(31));
        fixtures.ageOrder(captured.orderId(), Duration.ofMinutes(31));

        timeout.cancelUnpaidOrders();

        assertThat(fixtures.statusOf(processing.orderId())).isEqualTo("PENDING_PAYMENT");
        assertThat(fixtures.stock(slowProduct)).containsExactly(3, 1);
        assertThat(fixtures.stripe.intentJson(processing.paymentIntentId()).path("status").asString()).isEqualTo("processing");
        assertThat(fixtures.statusOf(captured.orderId())).isEqualTo("PENDING_PAYMENT");

        // the redelivery confirms the captured one: paid, not cancelled and refunded
        fixtures.setReserved(paidProduct, 2);
        failedPublications.resubmit(ResubmissionOptions.defaults());
        fixtures.awaitStatus(captured.orderId(), "PAID");
        assertThat(fixtures.stock(paidProduct)).containsExactly(1, 0);
        assertThat(fixtures.refundRequests(captured.paymentIntentId())).isEmpty();
        // and the processing one completes days later
        fixtures.pay(processing);
        assertThat(fixtures.stock(slowProduct)).containsExactly(2, 0);
    }

}
