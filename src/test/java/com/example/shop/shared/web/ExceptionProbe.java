package com.example.shop.shared.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.cart.CartNotFound;
import com.example.shop.cart.internal.CartFull;
import com.example.shop.cart.internal.NotEnoughStock;
import com.example.shop.cart.internal.QuantityOutOfRange;
import com.example.shop.catalog.InsufficientStock;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.catalog.internal.InvalidField;
import com.example.shop.catalog.internal.WrongCurrency;
import com.example.shop.customers.internal.LoginThrottled;
import com.example.shop.customers.internal.TooManyRequests;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.internal.EmptyCart;
import com.example.shop.orders.internal.IdempotencyKeyReused;
import com.example.shop.orders.internal.IllegalOrderTransition;
import com.example.shop.orders.internal.OrderStatus;
import com.example.shop.orders.internal.UnavailableProducts;
import com.example.shop.payments.PaymentNotFound;
import com.example.shop.payments.PaymentProviderMisconfigured;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.RefundNotPossible;
import com.example.shop.payments.internal.InvalidWebhook;
import com.example.shop.payments.internal.WebhookRetryLater;

/** Throws the modules' own exceptions from an endpoint, as their services would. */
@TestConfiguration
@RestController
@RequestMapping("/api/test-probe/throws")
class ExceptionProbe {

    static final UUID ID = UUID.fromString("7c0e8c6e-2f4a-4d7b-9a59-0b3c1e0a5f21");
    static final UUID OTHER = UUID.fromString("0f6b1f52-93f1-4a43-8d0e-5d7c2b5f9e10");

    @GetMapping("/login-throttled")
    void loginThrottled() {
        throw new LoginThrottled(Duration.ofSeconds(42));
    }

    @GetMapping("/too-many-requests")
    void tooManyRequests() {
        throw new TooManyRequests(Duration.ofMinutes(2));
    }

    @GetMapping("/payment-provider-unavailable")
    void providerUnavailable() {
        throw new PaymentProviderUnavailable("The payment provider is not available; try again later.",
                new java.net.ConnectException("refused"));
    }

    @GetMapping("/payment-provider-misconfigured")
    void providerMisconfigured() {
        throw new PaymentProviderMisconfigured("The payment provider is not available.",
                new IllegalStateException("401 from Stripe"));
    }

    @GetMapping("/webhook-retry-later")
    void webhookRetryLater() {
        throw new WebhookRetryLater("Event evt_1 overtook the state it depends on.", null);
    }

    @GetMapping("/invalid-webhook")
    void invalidWebhook() {
        throw new InvalidWebhook("The Stripe-Signature header is missing.");
    }

    @GetMapping("/payment-rejected")
    void paymentRejected() {
        throw new PaymentRejected("The card was declined: insufficient funds", "card_declined", null);
    }

    @GetMapping("/payment-rejected-without-code")
    void paymentRejectedWithoutCode() {
        throw new PaymentRejected("Stripe refused the request: nope", null, null);
    }

    @GetMapping("/refund-not-possible")
    void refundNotPossible() {
        throw new RefundNotPossible("At most 5 EUR of payment x can be refunded.");
    }

    @GetMapping("/payment-not-found")
    void paymentNotFound() {
        throw new PaymentNotFound(ID.toString());
    }

    @GetMapping("/upload-too-large")
    void uploadTooLarge() {
        throw new org.springframework.web.multipart.MaxUploadSizeExceededException(5_242_880);
    }

    @GetMapping("/not-enough-stock")
    void notEnoughStock() {
        throw new NotEnoughStock(new ProductId(ID), new VariantId(ID), 5, 2);
    }

    @GetMapping("/cart-full")
    void cartFull() {
        throw new CartFull(100);
    }

    @GetMapping("/quantity-out-of-range")
    void quantityOutOfRange() {
        throw new QuantityOutOfRange(120);
    }

    @GetMapping("/cart-not-found")
    void cartNotFound() {
        throw new CartNotFound(ID);
    }

    @GetMapping("/invalid-field")
    void invalidField() {
        throw new InvalidField("name", "name must not be blank");
    }

    @GetMapping("/wrong-currency")
    void wrongCurrency() {
        throw new WrongCurrency("EUR", "USD");
    }

    @GetMapping("/insufficient-stock")
    void insufficientStock() {
        throw new InsufficientStock(List.of(new InsufficientStock.Shortage(new ProductId(ID), new VariantId(ID), 3, 1),
                new InsufficientStock.Shortage(new ProductId(OTHER), new VariantId(OTHER), 2, 0)));
    }

    @GetMapping("/product-unavailable")
    void productUnavailable() {
        throw new UnavailableProducts(List.of(ID, OTHER));
    }

    @GetMapping("/empty-cart")
    void emptyCart() {
        throw new EmptyCart();
    }

    @GetMapping("/illegal-order-transition")
    void illegalTransition() {
        throw new IllegalOrderTransition(new OrderId(ID), OrderStatus.PENDING_PAYMENT, OrderStatus.SHIPPED);
    }

    @GetMapping("/idempotency-key-reused")
    void idempotencyKeyReused() {
        throw new IdempotencyKeyReused();
    }
}
