package com.example.shop.notifications.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.example.shop.catalog.ProductId;
import com.example.shop.customers.CustomerId;
import com.example.shop.orders.OrderBreakdown;
import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.OrderItem;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;
import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** What each mail says, in plain text and HTML, from the templates; without Spring. */
class OrderMailComposerTests {

    static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    static final OrderId ORDER = new OrderId(UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001"));
    static final CustomerId CUSTOMER = CustomerId.random();
    static final List<OrderItem> LINES = List.of(
            new OrderItem(ProductId.random(), "MUG-1", "Mug <Blue> & Co", 2, eur(1250), eur(2500)),
            new OrderItem(ProductId.random(), "TEA-1", "Tea", 1, eur(499), eur(499)));
    static final OrderBreakdown BREAKDOWN = new OrderBreakdown(eur(2999), eur(300), eur(490), eur(499), true,
            eur(3189), "Standard", "SAVE3");

    final OrderMailComposer composer = new OrderMailComposer(new MailTemplates(),
            new MailProperties("orders@teapots.example", "Teapot Corner", Locale.forLanguageTag("en-GB")));

    static Money eur(long cents) {
        return Money.of(cents, "EUR");
    }

    @Test
    void thePlacedMailListsTheLinesAndTheWholeBreakdownInTheShopsCurrencyFormat() {
        var mail = composer.compose(new OrderPlaced(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES,
                BREAKDOWN, 3, AT));

        assertThat(mail.subject()).isEqualTo("Teapot Corner: order 1A2B3C4D received");
        assertThat(mail.text()).contains("Thank you for your order at Teapot Corner.",
                "Order 1A2B3C4D, placed 25 November 2026, 10:00 UTC",
                "2 x Mug <Blue> & Co (MUG-1) at €12.50: €25.00\n1 x Tea (TEA-1) at €4.99: €4.99\n",
                "Subtotal: €29.99\nDiscount (SAVE3): -€3.00\nShipping (Standard): €4.90\nTax (included): €4.99\n"
                        + "Total: €31.89\n",
                "Order number: " + ORDER);
        assertThat(mail.html()).contains("Mug &lt;Blue&gt; &amp; Co", "€31.89", "(SAVE3)", "(Standard)", "1A2B3C4D")
                .doesNotContain("<Blue>", "th:text", "th:if");
    }

    @Test
    void amountsThatAreZeroAreLeftOutExceptTheTotal() {
        OrderBreakdown plain = new OrderBreakdown(eur(2999), eur(0), eur(0), eur(0), false, eur(2999), null, null);
        var mail = composer.compose(new OrderPaid(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES, plain,
                "pi_1", AT));

        assertThat(mail.subject()).isEqualTo("Teapot Corner: payment received for order 1A2B3C4D");
        assertThat(mail.text()).contains("payment of €29.99", "Subtotal: €29.99\nTotal: €29.99\n")
                .doesNotContain("Discount", "Shipping", "Tax");
        assertThat(mail.html()).doesNotContain("Discount", "Shipping", "Tax");
    }

    @Test
    void theShippedRefundedAndCancelledMailsSayWhatHappened() {
        var shipped = composer.compose(new OrderShipped(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES,
                BREAKDOWN, "DHL", "JD014600006", AT));
        assertThat(shipped.subject()).isEqualTo("Teapot Corner: order 1A2B3C4D is on its way");
        assertThat(shipped.text()).contains("Carrier: DHL\nTracking number: JD014600006");
        assertThat(shipped.html()).contains("DHL", "JD014600006");

        var partly = composer.compose(new OrderRefunded(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com",
                LINES, BREAKDOWN, eur(500), eur(800), eur(3189), false, AT));
        assertThat(partly.subject()).isEqualTo("Teapot Corner: €5.00 refunded on order 1A2B3C4D");
        assertThat(partly.text()).contains("We have refunded €5.00", "Refunded so far: €8.00 of €31.89.")
                .doesNotContain("whole order");
        var fully = composer.compose(new OrderRefunded(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com",
                LINES, BREAKDOWN, eur(2389), eur(3189), eur(3189), true, AT));
        assertThat(fully.text()).contains("The whole order, €31.89, has now been refunded.").doesNotContain("so far");

        var cancelled = composer.compose(new OrderCancelled(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com",
                LINES, BREAKDOWN, "payment timeout", AT));
        assertThat(cancelled.subject()).isEqualTo("Teapot Corner: order 1A2B3C4D cancelled");
        assertThat(cancelled.text()).contains("has been cancelled (25 November 2026, 10:00 UTC): payment timeout.");
        assertThat(cancelled.html()).contains("payment timeout");
    }

    @Test
    void aCurrencyWithoutMinorUnitsHasNoDecimals() {
        assertThat(new MailFormat(Locale.forLanguageTag("en-GB")).money(Money.of(1500, "JPY"))).isEqualTo("JP¥1,500");
    }
}
