package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.cart.CheckoutCart;
import com.example.shop.catalog.ProductId;
import com.example.shop.customers.CustomerId;
import com.example.shop.pricing.DiscountType;
import com.example.shop.pricing.Quote;
import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An order's amounts through {@code MoneyType} on the real database: written as amount columns beside the one
 * currency column of the order (and of each line), read back as the same {@code Money}.
 */
@IntegrationTest
class OrderMoneyColumnsTests {

    @Autowired
    OrderRepository orders;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOrdersAmountsAndItsLinesRoundTripInTheirCurrency() {
        List<CheckoutCart.Line> lines = List.of(
                new CheckoutCart.Line(ProductId.random(), "MUG", "Mug", Money.of(1250, "USD"), 2, true),
                new CheckoutCart.Line(ProductId.random(), "PEN", "Pen", Money.of(199, "USD"), 3, true));
        // 3097 - 310 (10 % per line: 250 + 60) + 490 shipping + 623 tax (19 %: 428 + 102 + 93) = 3900
        Quote quote = new Quote(List.of(
                        new Quote.Line(Money.of(2500, "USD"), Money.of(250, "USD"), Money.of(428, "USD")),
                        new Quote.Line(Money.of(597, "USD"), Money.of(60, "USD"), Money.of(102, "USD"))),
                Money.of(3097, "USD"), Money.of(310, "USD"), Money.of(490, "USD"), Money.of(623, "USD"), false,
                Money.of(3900, "USD"), new Quote.Shipping("standard", "Standard", 3),
                new Quote.AppliedCode("TEN", DiscountType.PERCENTAGE), "19");
        Order placed = Order.place(Order.Buyer.customer(CustomerId.random(), "ada@example.com"), lines,
                new ShippingAddress("Ada", "1 Street", null, "London", "N1", "GB"), quote, Instant.now());
        transactions.executeWithoutResult(tx -> orders.saveAndFlush(placed));
        // a refund report (recorded before the payment's confirmation) changes the refunded amounts only
        transactions.executeWithoutResult(tx -> {
            Order order = orders.findById(placed.id()).orElseThrow();
            assertThat(order.applyRefunds(Money.of(500, "USD"), Money.of(100, "USD"), Instant.now())).isTrue();
            orders.saveAndFlush(order);
        });

        Order read = orders.findWithLines(placed.id()).orElseThrow();
        assertThat(read.total()).isEqualTo(Money.of(3900, "USD"));
        assertThat(read.subtotal()).isEqualTo(Money.of(3097, "USD"));
        assertThat(read.discount()).isEqualTo(Money.of(310, "USD"));
        assertThat(read.shipping()).isEqualTo(Money.of(490, "USD"));
        assertThat(read.tax()).isEqualTo(Money.of(623, "USD"));
        assertThat(read.taxRate()).isEqualTo("19");
        assertThat(read.shippingMethod()).isEqualTo("standard");
        assertThat(read.discountCode()).isEqualTo("TEN");
        assertThat(read.refunded()).isEqualTo(Money.of(500, "USD"));
        assertThat(read.lines()).extracting(OrderLine::unitPrice, OrderLine::lineTotal).containsExactly(
                tuple(Money.of(1250, "USD"), Money.of(2500, "USD")),
                tuple(Money.of(199, "USD"), Money.of(597, "USD")));

        Map<String, Object> row = jdbc.queryForMap("""
                select currency, subtotal, discount, shipping, tax, total, refunded_amount, failed_refunds_amount
                from orders_order where id = unhex(replace(?, '-', ''))""", placed.id().toString());
        assertThat(row).containsEntry("currency", "USD").containsEntry("subtotal", 3097L).containsEntry("total", 3900L)
                .containsEntry("discount", 310L).containsEntry("shipping", 490L).containsEntry("tax", 623L)
                .containsEntry("refunded_amount", 500L).containsEntry("failed_refunds_amount", 100L);
        assertThat(jdbc.queryForList("""
                select concat(unit_price, ' ', line_total, ' ', discount, ' ', tax, ' ', currency) from orders_order_line
                where order_id = unhex(replace(?, '-', '')) order by line_no""", String.class, placed.id().toString()))
                .containsExactly("1250 2500 250 428 USD", "199 597 60 102 USD");
    }
}
