package com.example.shop.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import com.example.shop.cart.CartId;
import com.example.shop.cart.internal.CartService;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.catalog.internal.ProductCommand;
import com.example.shop.catalog.internal.StockLevel;
import com.example.shop.customers.CustomerId;
import com.example.shop.orders.internal.CheckoutService;
import com.example.shop.orders.internal.OrderDetails;
import com.example.shop.orders.internal.OrderQueryService;
import com.example.shop.orders.internal.OrderStatus;
import com.example.shop.payments.PaymentCancelled;
import com.example.shop.payments.PaymentDisputed;
import com.example.shop.payments.PaymentRefunded;
import com.example.shop.payments.PaymentSucceeded;
import com.example.shop.shared.Money;
import com.example.shop.testsupport.QuietSchedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orders module on its own: payments' events published straight into it (no webhook, no Stripe), and
 * the order events it answers with. The modules it depends on (cart, catalog, customers, payments) run for
 * real on the real database; the whole-application tests beside this one (OrderLifecycleTests, ...) take
 * the way in through HTTP and signed webhooks.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
@QuietSchedulers
class OrdersModuleTests {

    /**
     * Every asynchronous listener runs on a thread of its own, started by the thread that published its event.
     * Scenario sees the events of the test's thread and of threads started from it (an inheritable
     * thread-local); a pooled thread started during an earlier test would hand them to that test instead.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class ThreadPerListener {

        @Bean(name = { "applicationTaskExecutor", "taskExecutor" })
        SimpleAsyncTaskExecutor applicationTaskExecutor() {
            return new SimpleAsyncTaskExecutor("orders-module-test-");
        }
    }

    @Autowired
    CheckoutService checkout;

    @Autowired
    OrderQueryService queries;

    @Autowired
    CartService carts;

    @Autowired
    CatalogAdminService catalog;

    @Test
    void aSucceededPaymentPaysTheOrderAndSellsItsStock(Scenario scenario) {
        Placed placed = place(1500, 5, 2);

        scenario.publish(new PaymentSucceeded(placed.reference(), "pi_module_paid", Money.of(3000, "EUR"), Instant.now()))
                .andWaitForEventOfType(OrderPaid.class)
                .matching(paid -> paid.orderId().equals(placed.id()))
                .toArriveAndVerify(paid -> {
                    assertThat(paid.customerId()).isEqualTo(placed.customer());
                    assertThat(paid.total()).isEqualTo(Money.of(3000, "EUR"));
                    assertThat(paid.paymentIntentId()).isEqualTo("pi_module_paid");
                });

        awaitStatus(placed, OrderStatus.PAID);
        assertThat(catalog.stockOf(placed.product())).isEqualTo(new StockLevel(3, 0));
    }

    @Test
    void aCancelledPaymentCancelsTheUnpaidOrderAndReleasesItsStock(Scenario scenario) {
        Placed placed = place(800, 4, 3);

        scenario.publish(new PaymentCancelled(placed.reference(), "pi_module_cancelled", Instant.now()))
                .andWaitForEventOfType(OrderCancelled.class)
                .matching(cancelled -> cancelled.orderId().equals(placed.id()))
                .toArriveAndVerify(cancelled -> assertThat(cancelled.reason()).isEqualTo("payment canceled"));

        awaitStatus(placed, OrderStatus.CANCELLED);
        assertThat(catalog.stockOf(placed.product())).isEqualTo(new StockLevel(4, 0));
    }

    @Test
    void aRefundOfAPaidOrderRefundsItInPart(Scenario scenario) {
        Placed placed = paid(scenario, place(2000, 3, 1), "pi_module_refunded", Money.of(2000, "EUR"));

        scenario.publish(new PaymentRefunded(placed.reference(), "pi_module_refunded", Money.of(500, "EUR"),
                        Money.of(500, "EUR"), Money.of(0, "EUR"), Instant.now()))
                .andWaitForEventOfType(OrderRefunded.class)
                .matching(refunded -> refunded.orderId().equals(placed.id()))
                .toArriveAndVerify(refunded -> {
                    assertThat(refunded.totalRefunded()).isEqualTo(Money.of(500, "EUR"));
                    assertThat(refunded.fullyRefunded()).isFalse();
                });

        awaitStatus(placed, OrderStatus.PARTIALLY_REFUNDED);
    }

    @Test
    void aDisputeFlagsThePaidOrder(Scenario scenario) {
        Placed placed = paid(scenario, place(900, 2, 1), "pi_module_disputed", Money.of(900, "EUR"));

        scenario.publish(new PaymentDisputed(placed.reference(), "pi_module_disputed", "dp_module", Money.of(900, "EUR"),
                        Instant.now()))
                .andWaitForStateChange(() -> details(placed).disputed(), Boolean::booleanValue)
                .andVerify(disputed -> assertThat(details(placed).disputeStatus()).isEqualTo("open"));
    }

    /** An order placed through checkout: a product with {@code stock} units, {@code quantity} of them reserved. */
    private Placed place(long price, int stock, int quantity) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        ProductId product = new ProductId(catalog.createProduct(new ProductCommand("SKU-" + unique, "module-" + unique,
                "Module test " + unique, "", price, null, List.of(), null, true), stock).id());
        CustomerId customer = CustomerId.random();
        CartId cart = new CartId(carts.mine(customer).id());
        carts.addItem(cart, Optional.of(customer), product, quantity);
        OrderDetails order = checkout.checkout(new CheckoutService.Purchaser.Customer(customer), cart,
                new OrderDetails.Address("Ada Lovelace", "12 Analytical St", null, "London", "N1 9GU", "GB"),
                CheckoutService.Choices.NONE, Optional.empty()).order();
        assertThat(catalog.stockOf(product)).isEqualTo(new StockLevel(stock, quantity));
        return new Placed(new OrderId(order.id()), customer, product);
    }

    /** The order, paid: its payment's success published, and the order's answer to it seen. */
    private Placed paid(Scenario scenario, Placed placed, String paymentIntentId, Money amount) {
        scenario.publish(new PaymentSucceeded(placed.reference(), paymentIntentId, amount, Instant.now()))
                .andWaitForEventOfType(OrderPaid.class)
                .matching(paid -> paid.orderId().equals(placed.id()))
                .toArrive();
        return placed;
    }

    private OrderDetails details(Placed placed) {
        return queries.details(placed.id(), placed.customer(), false);
    }

    /** The reaction's transaction commits just after it published its event. */
    private void awaitStatus(Placed placed, OrderStatus status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> details(placed).status() == status);
    }

    private record Placed(OrderId id, CustomerId customer, ProductId product) {

        String reference() {
            return id.toString();
        }
    }
}
