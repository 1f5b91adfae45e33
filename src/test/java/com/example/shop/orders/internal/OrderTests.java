package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.shop.cart.CheckoutCart;
import com.example.shop.catalog.ProductId;
import com.example.shop.customers.CustomerId;
import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderEvent;
import com.example.shop.orders.OrderItem;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;
import com.example.shop.pricing.Quote;
import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The order's transitions, without Spring. */
class OrderTests {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    static final Money NONE_FAILED = eur(0);

    static Order newOrder() {
        List<CheckoutCart.Line> lines = List.of(
                new CheckoutCart.Line(ProductId.random(), "MUG-1", "Mug", Money.of(1250, "EUR"), 2, true),
                new CheckoutCart.Line(ProductId.random(), "TEA-1", "Tea", Money.of(499, "EUR"), 1, true));
        return Order.place(Order.Buyer.customer(CustomerId.random(), "ada@example.com"), lines,
                new ShippingAddress("Ada", "1 Street", null, "London", "N1", "GB"), unpriced(lines), NOW);
    }

    /** The quote of a shop without shipping methods, tax rates or codes: the total is the subtotal. */
    static Quote unpriced(List<CheckoutCart.Line> lines) {
        Money zero = Money.zero(lines.get(0).unitPrice().currency());
        Money subtotal = lines.stream().map(CheckoutCart.Line::lineTotal).reduce(Money::plus).orElseThrow();
        return new Quote(lines.stream().map(line -> new Quote.Line(line.lineTotal(), zero, zero)).toList(), subtotal,
                zero, zero, zero, false, subtotal, null, null, null);
    }

    static Money eur(long minorUnits) {
        return Money.of(minorUnits, "EUR");
    }

    @Test
    void placingSnapshotsTheLinesAndTotals() {
        Order order = newOrder();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.total()).isEqualTo(Money.of(2999, "EUR"));
        assertThat(order.stockLines()).hasSize(2);
        assertThat(order.itemCount()).isEqualTo(3);
        assertThat(order.registeredEvents()).singleElement().isInstanceOf(OrderPlaced.class);
    }

    @Test
    void everyEventTellsWhatAMailNeedsUnderItsOwnId() {
        Order order = newOrder();
        order.confirmPayment("pi_1", eur(2999), NOW);
        order.ship("DHL", "JD0001", NOW.plusSeconds(60));
        order.applyRefunds(eur(1000), NONE_FAILED, NOW.plusSeconds(120));
        order.applyRefunds(eur(2999), NONE_FAILED, NOW.plusSeconds(180));
        List<Object> events = order.registeredEvents();

        assertThat(events).hasSize(5).allSatisfy(event -> {
            OrderEvent e = (OrderEvent) event;
            assertThat(e.orderId()).isEqualTo(order.orderId());
            assertThat(e.email()).isEqualTo("ada@example.com");
        });
        assertThat(events.stream().map(event -> ((OrderEvent) event).eventId()).distinct()).hasSize(5);
        OrderPlaced placed = (OrderPlaced) events.get(0);
        assertThat(placed.lines()).extracting(OrderItem::name, OrderItem::quantity, OrderItem::unitPrice,
                OrderItem::lineTotal).containsExactly(tuple("Mug", 2, eur(1250), eur(2500)),
                        tuple("Tea", 1, eur(499), eur(499)));
        assertThat(placed.breakdown().subtotal()).isEqualTo(eur(2999));
        assertThat(placed.breakdown().total()).isEqualTo(eur(2999));
        assertThat(placed.occurredAt()).isEqualTo(NOW);
        OrderPaid paid = (OrderPaid) events.get(1);
        assertThat(paid.lines()).isEqualTo(placed.lines());
        assertThat(paid.breakdown()).isEqualTo(placed.breakdown());
        OrderShipped shipped = (OrderShipped) events.get(2);
        assertThat(shipped.carrier()).isEqualTo("DHL");
        assertThat(shipped.trackingNumber()).isEqualTo("JD0001");
        // each refund tells its own amount and the sum so far
        OrderRefunded first = (OrderRefunded) events.get(3);
        OrderRefunded second = (OrderRefunded) events.get(4);
        assertThat(first.amount()).isEqualTo(eur(1000));
        assertThat(first.fullyRefunded()).isFalse();
        assertThat(second.amount()).isEqualTo(eur(1999));
        assertThat(second.totalRefunded()).isEqualTo(eur(2999));
        assertThat(second.fullyRefunded()).isTrue();
    }

    @Test
    void aPaymentConfirmsOnceAndARepeatChangesNothing() {
        Order order = newOrder();
        assertThat(order.confirmPayment("pi_1", Money.of(2999, "EUR"), NOW)).isEqualTo(Order.Confirmation.PAID);
        assertThat(order.confirmPayment("pi_1", Money.of(2999, "EUR"), NOW)).isEqualTo(Order.Confirmation.ALREADY_PAID);
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.registeredEvents()).filteredOn(OrderPaid.class::isInstance).hasSize(1);
    }

    @Test
    void aPaymentOfAnotherAmountConfirmsNothing() {
        Order order = newOrder();
        assertThat(order.confirmPayment("pi_1", Money.of(1, "EUR"), NOW)).isEqualTo(Order.Confirmation.AMOUNT_MISMATCH);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    }

    @Test
    void aPaymentForACancelledOrderAsksForARefund() {
        Order order = newOrder();
        order.cancel("payment timeout", NOW);
        assertThat(order.confirmPayment("pi_1", Money.of(2999, "EUR"), NOW))
                .isEqualTo(Order.Confirmation.PAID_AFTER_CANCELLATION);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.latePaymentIntentId()).isEqualTo("pi_1");
        assertThat(order.registeredEvents()).filteredOn(OrderCancelled.class::isInstance).hasSize(1);
    }

    @Test
    void onlyAnUnpaidOrderCanBeCancelledAndOnlyAPaidOneShipped() {
        Order order = newOrder();
        assertThatThrownBy(() -> order.ship("DHL", "1", NOW)).isInstanceOf(IllegalOrderTransition.class);
        order.confirmPayment("pi_1", Money.of(2999, "EUR"), NOW);
        assertThatThrownBy(() -> order.cancel("too late", NOW)).isInstanceOf(IllegalOrderTransition.class);
        order.ship("DHL", "1", NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThatThrownBy(() -> order.ship("DHL", "1", NOW)).isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("shipped already");
        assertThat(order.registeredEvents()).filteredOn(OrderShipped.class::isInstance).hasSize(1);
    }

    @Test
    void refundsMoveThroughPartialToFullAndALateSmallerTotalChangesNothing() {
        Order order = newOrder();
        assertThatThrownBy(order::refundable).isInstanceOf(NotRefundable.class);
        order.confirmPayment("pi_1", Money.of(2999, "EUR"), NOW);
        assertThat(order.refundable()).isEqualTo(Money.of(2999, "EUR"));

        assertThat(order.applyRefunds(eur(1000), NONE_FAILED, NOW)).isTrue();
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order.applyRefunds(eur(500), NONE_FAILED, NOW)).isFalse(); // a late, smaller total
        assertThat(order.refundable()).isEqualTo(Money.of(1999, "EUR"));
        assertThat(order.applyRefunds(eur(2999), NONE_FAILED, NOW)).isTrue();
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThatThrownBy(order::refundable).isInstanceOf(NotRefundable.class);
        assertThat(order.registeredEvents()).filteredOn(OrderRefunded.class::isInstance).hasSize(2);
    }

    @Test
    void aRefundThatFailsAtStripeMakesTheOrderPaidAgainAndRefundableAgain() {
        Order order = newOrder();
        order.confirmPayment("pi_1", eur(2999), NOW);
        order.applyRefunds(eur(2999), NONE_FAILED, NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);

        assertThat(order.applyRefunds(eur(0), eur(2999), NOW)).isTrue();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.refunded()).isEqualTo(eur(0));
        assertThat(order.refundable()).isEqualTo(eur(2999));
        assertThat(order.applyRefunds(eur(0), eur(2999), NOW)).isFalse(); // the same report again

        // refunded again, in part this time: the new refund's report carries the failure it followed
        assertThat(order.applyRefunds(eur(1000), eur(2999), NOW)).isTrue();
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order.registeredEvents()).filteredOn(OrderRefunded.class::isInstance).hasSize(2);
    }

    @Test
    void aPartOfTheRefundsFailingLeavesThePartThatStands() {
        Order order = newOrder();
        order.confirmPayment("pi_1", eur(2999), NOW);
        order.applyRefunds(eur(2999), NONE_FAILED, NOW);

        order.applyRefunds(eur(999), eur(2000), NOW);

        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order.refundable()).isEqualTo(eur(2000));
    }

    @Test
    void aShippedOrderWhoseRefundFailsIsShippedAgain() {
        Order order = newOrder();
        order.confirmPayment("pi_1", eur(2999), NOW);
        order.ship("DHL", "1", NOW);
        order.applyRefunds(eur(500), NONE_FAILED, NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);

        order.applyRefunds(eur(0), eur(500), NOW);

        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.trackingNumber()).isEqualTo("1");
    }

    @Test
    void reportsOfTheRefundsApplyInAnyOrderTheNewestWins() {
        // the payment's reports, oldest first: refunded in full, that refund failed, refunded 1000 again
        Money[][] reports = { { eur(2999), NONE_FAILED }, { eur(0), eur(2999) }, { eur(1000), eur(2999) } };
        int[][] deliveries = { { 0, 1, 2 }, { 2, 1, 0 }, { 1, 2, 0 }, { 2, 0, 1 }, { 0, 2, 1 }, { 1, 0, 2 } };
        for (int[] delivery : deliveries) {
            Order order = newOrder();
            order.confirmPayment("pi_1", eur(2999), NOW);
            for (int report : delivery) {
                order.applyRefunds(reports[report][0], reports[report][1], NOW);
                order.applyRefunds(reports[report][0], reports[report][1], NOW); // and each once more
            }
            assertThat(order.refunded()).as("delivered in the order %s", java.util.Arrays.toString(delivery))
                    .isEqualTo(eur(1000));
            assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        }
    }

    @Test
    void aRefundReportedBeforeThePaymentIsAppliedWhenThePaymentArrives() {
        Order full = newOrder();
        assertThat(full.applyRefunds(eur(2999), NONE_FAILED, NOW)).isTrue();
        assertThat(full.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(full.confirmPayment("pi_1", Money.of(2999, "EUR"), NOW)).isEqualTo(Order.Confirmation.PAID);
        assertThat(full.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(full.paidAt()).isEqualTo(NOW);
        assertThatThrownBy(full::refundable).isInstanceOf(NotRefundable.class);
        assertThat(full.registeredEvents()).filteredOn(OrderPaid.class::isInstance).hasSize(1);
        assertThat(full.registeredEvents()).filteredOn(OrderRefunded.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((OrderRefunded) event).fullyRefunded()).isTrue());

        Order partial = newOrder();
        partial.applyRefunds(eur(999), NONE_FAILED, NOW);
        partial.confirmPayment("pi_2", Money.of(2999, "EUR"), NOW);
        assertThat(partial.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(partial.refundable()).isEqualTo(Money.of(2000, "EUR"));
    }

    @Test
    void aClosedDisputeDoesNotReopenWhenItsOpeningIsReportedLate() {
        Order order = newOrder();
        order.confirmPayment("pi_1", Money.of(2999, "EUR"), NOW);
        order.disputeOpened("dp_1");
        assertThat(order.disputeStatus()).isEqualTo("open");
        order.disputeClosed("dp_1", "won");
        order.disputeOpened("dp_1"); // a late or repeated report of the same dispute
        assertThat(order.disputed()).isTrue();
        assertThat(order.disputeStatus()).isEqualTo("won");

        Order late = newOrder();
        late.confirmPayment("pi_2", Money.of(2999, "EUR"), NOW);
        late.disputeClosed("dp_2", "lost"); // the closing overtook the opening
        late.disputeOpened("dp_2");
        assertThat(late.disputeStatus()).isEqualTo("lost");
        late.disputeOpened("dp_3"); // another dispute is another matter
        assertThat(late.disputeStatus()).isEqualTo("open");
    }

    @Test
    void aRefundedOrderIsNotShippedButAShippedOrderCanBeRefunded() {
        Order partly = newOrder();
        partly.confirmPayment("pi_1", eur(2999), NOW);
        partly.applyRefunds(eur(999), NONE_FAILED, NOW);
        assertThatThrownBy(() -> partly.ship("DHL", "1", NOW)).isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("PARTIALLY_REFUNDED").hasMessageContaining("only a PAID order ships");

        Order refunded = newOrder();
        refunded.confirmPayment("pi_2", eur(2999), NOW);
        refunded.applyRefunds(eur(2999), NONE_FAILED, NOW);
        assertThatThrownBy(() -> refunded.ship("DHL", "2", NOW)).isInstanceOf(IllegalOrderTransition.class);

        Order shipped = newOrder();
        shipped.confirmPayment("pi_3", eur(2999), NOW);
        shipped.ship("DHL", "3", NOW);
        shipped.applyRefunds(eur(999), NONE_FAILED, NOW);
        assertThat(shipped.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(shipped.shippedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> shipped.ship("DHL", "3", NOW)).isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("shipped already");
        assertThat(shipped.registeredEvents()).filteredOn(OrderShipped.class::isInstance).hasSize(1);
    }
}
