package com.example.shop.orders.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.cart.CartId;
import com.example.shop.cart.CartNotFound;
import com.example.shop.cart.Carts;
import com.example.shop.cart.CheckoutCart;
import com.example.shop.catalog.Catalog;
import com.example.shop.catalog.InsufficientStock;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.ProductSnapshot;
import com.example.shop.catalog.VariantId;
import com.example.shop.customers.CustomerId;
import com.example.shop.customers.CustomerSummary;
import com.example.shop.customers.Customers;
import com.example.shop.orders.OrderId;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.PaymentView;
import com.example.shop.payments.Payments;
import com.example.shop.payments.StartPayment;
import com.example.shop.pricing.CountryCode;
import com.example.shop.pricing.Pricing;
import com.example.shop.pricing.Quote;
import com.example.shop.pricing.QuoteRequest;
import com.example.shop.pricing.ShippingOption;
import com.example.shop.shared.Money;

/**
 * Placing orders: a cart is priced by pricing (the quote, and the checkout with the same function), becomes an order
 * in one short transaction, then the order's payment is started outside any transaction (it may call Stripe).
 */
@Service
public class CheckoutService {

    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

    private final OrderRepository orders;
    private final Carts carts;
    private final Inventory inventory;
    private final Payments payments;
    private final Customers customers;
    private final IdempotentRequests idempotentRequests;
    private final OrderQueryService queries;
    private final Pricing pricing;
    private final Catalog catalog;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    CheckoutService(OrderRepository orders, Carts carts, Inventory inventory, Payments payments, Customers customers,
            IdempotentRequests idempotentRequests, OrderQueryService queries, Pricing pricing, Catalog catalog,
            TransactionTemplate transactions) {
        this.orders = orders;
        this.carts = carts;
        this.inventory = inventory;
        this.payments = payments;
        this.customers = customers;
        this.idempotentRequests = idempotentRequests;
        this.queries = queries;
        this.pricing = pricing;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    /**
     * Who checks out: a signed-in customer (their own cart, or an anonymous one), or a guest with an e-mail (an
     * anonymous cart only).
     */
    public sealed interface Purchaser {

        /** A signed-in customer. */
        record Customer(CustomerId id) implements Purchaser {
        }

        /** A shopper without an account, known by the e-mail they gave (normalised: stripped, lower case). */
        record Guest(String email) implements Purchaser {

            public Guest {
                email = email.strip().toLowerCase(Locale.ROOT);
            }
        }

        default Optional<CustomerId> customer() {
            return this instanceof Customer customer ? Optional.of(customer.id()) : Optional.empty();
        }
    }

    /** A placed order, and for a guest the order's access key (shown once: only its hash is kept). */
    public record Placed(OrderDetails order, @Nullable String accessKey) {
    }

    /** What the buyer chose beside the cart and the address: a shipping method and a discount code, each optional. */
    public record Choices(@Nullable String shippingMethod, @Nullable String discountCode) {

        public static final Choices NONE = new Choices(null, null);
    }

    /**
     * What checkout would charge for the cart right now, with no side effect: no stock reserved, no code's use
     * claimed, the cart unchanged. Refused as checkout would refuse it: an empty cart, a product off sale, not
     * enough stock, a method or code that does not apply.
     */
    public QuoteDetails quote(Purchaser purchaser, CartId cartId, OrderDetails.Address address, Choices choices) {
        CountryCode country = CountryCode.parse(address.country(), "shippingAddress.country");
        return transactions.execute(status -> {
            CheckoutCart cart = carts.find(cartId, purchaser.customer())
                    .orElseThrow(() -> new CartNotFound(cartId.value()));
            requirePurchasable(cart);
            Quote quote = price(cart, country, choices, purchaser);
            requireAvailable(cart);
            return QuoteDetails.of(cart.lines(), quote);
        });
    }

    /**
     * The shipping methods that ship to {@code country}, priced for the cart when one is named (as its owner, or
     * anyone for an anonymous cart, may read it).
     */
    public List<ShippingOption> shippingOptions(String country, Optional<CartId> cartId, Optional<CustomerId> caller) {
        CountryCode code = CountryCode.parse(country, "country");
        return transactions.execute(status -> {
            Money subtotal = cartId.map(id -> carts.find(id, caller).orElseThrow(() -> new CartNotFound(id.value())))
                    .map(cart -> cart.lines().stream().filter(CheckoutCart.Line::purchasable)
                            .map(CheckoutCart.Line::lineTotal).reduce(Money::plus).orElse(null))
                    .orElse(null);
            return pricing.shippingOptions(code, subtotal);
        });
    }

    /**
     * Turns the cart into an order in one transaction: keep the buyer's e-mail address, snapshot the lines, price them (the same pricing as the
     * quote), reserve their stock (all or nothing), claim the discount code's use, empty the cart, publish
     * {@code OrderPlaced}, and tie the order to the request's Idempotency-Key claim if there is one. A shortage, a
     * code that ran out or anything else that fails rolls all of it back. A guest's order gets a new access key,
     * answered here once and stored only as its hash. An order with nothing to pay is paid at once (its stock sold,
     * {@code OrderPaid} published) and starts no payment.
     */
    public Placed checkout(Purchaser purchaser, CartId cartId, OrderDetails.Address address, Choices choices,
            Optional<IdempotentRequests.Claim> idempotencyClaim) {
        CountryCode country = CountryCode.parse(address.country(), "shippingAddress.country");
        String accessKey = purchaser instanceof Purchaser.Guest ? OrderAccessKeys.generate() : null;
        return transactions.execute(status -> {
            // a customer's address is read first, with no lock (it needs none), so the cart's lock is not held
            // for it; in this transaction rather than one of its own, which would cost a commit
            Order.Buyer buyer = purchaser instanceof Purchaser.Guest guest
                    ? Order.Buyer.guest(guest.email(), OrderAccessKeys.hash(accessKey))
                    : Order.Buyer.customer(((Purchaser.Customer) purchaser).id(), customers
                            .find(((Purchaser.Customer) purchaser).id()).map(CustomerSummary::email).orElse(null));
            CheckoutCart cart = carts.lockForCheckout(cartId, purchaser.customer())
                    .orElseThrow(() -> new CartNotFound(cartId.value()));
            requirePurchasable(cart);
            Quote quote = price(cart, country, choices, purchaser);
            Order order = Order.place(buyer, cart.lines(), address.toEmbedded(), quote, clock.instant());
            carts.clear(cart.id());
            // Write the order, its lines, the OrderPlaced publication and the emptied cart first, and reserve
            // last: the stock rows' locks are then held only for the reservation and the commit, not for
            // these statements too. A popular product's row is what concurrent checkouts queue on (measured
            // in bench/README.md). A shortage still rolls all of it back; the locks are still taken in
            // product-id order after the cart's, so the lock order is unchanged.
            Order saved = orders.saveAndFlush(order);
            idempotencyClaim.ifPresent(claim -> idempotentRequests.attach(claim, saved.id()));
            inventory.reserve(order.stockLines());
            if (saved.status() == OrderStatus.PAID) {
                // nothing to pay: sold at once, as a confirmed payment sells it
                inventory.commit(order.stockLines());
            }
            // The code's row after the stock rows, as a cancellation takes them (stock released, then the use
            // given back): the two never wait for each other in opposite orders.
            pricing.claimDiscount(quote, saved.id().toString(), Buyers.of(purchaser));
            return new Placed(OrderDetails.of(saved), accessKey);
        });
    }

    /**
     * A new access key for a guest order whose first answer is repeated (the same Idempotency-Key): the key was
     * never stored, so it cannot be answered again, and the one answered before stops working. Empty for an order
     * that is not a guest's, or that a customer has claimed since (it is in their account now).
     */
    public Optional<String> reissueAccessKey(OrderId orderId) {
        String key = OrderAccessKeys.generate();
        Integer changed = transactions.execute(status -> orders.replaceAccessKey(orderId.value(),
                OrderAccessKeys.hash(key)));
        return Integer.valueOf(1).equals(changed) ? Optional.of(key) : Optional.empty();
    }

    private static void requirePurchasable(CheckoutCart cart) {
        if (cart.isEmpty()) {
            throw new EmptyCart();
        }
        if (!cart.unpurchasable().isEmpty()) {
            throw new UnavailableProducts(
                    cart.unpurchasable().stream().map(line -> line.productId().value()).toList());
        }
    }

    private Quote price(CheckoutCart cart, CountryCode country, Choices choices, Purchaser purchaser) {
        return pricing.quote(new QuoteRequest(cart.lines().stream().map(CheckoutCart.Line::lineTotal).toList(), country,
                choices.shippingMethod(), choices.discountCode(), Buyers.of(purchaser)));
    }

    /** The shortage checkout's reservation would meet, told without reserving (a quote). */
    private void requireAvailable(CheckoutCart cart) {
        Map<VariantId, ProductSnapshot> products = catalog.findAll(
                cart.lines().stream().map(CheckoutCart.Line::variantId).toList());
        List<InsufficientStock.Shortage> shortages = cart.lines().stream()
                .filter(line -> products.get(line.variantId()) == null
                        || products.get(line.variantId()).available() < line.quantity())
                .map(line -> new InsufficientStock.Shortage(line.productId(), line.variantId(), line.quantity(),
                        products.get(line.variantId()) == null ? 0 : products.get(line.variantId()).available()))
                .toList();
        if (!shortages.isEmpty()) {
            throw new InsufficientStock(shortages);
        }
    }

    /**
     * Starts (or finds again) the order's payment. Outside any transaction: it may call Stripe. Only an
     * order still {@code PENDING_PAYMENT} gets a payment started; for any other (cancelled meanwhile, or
     * paid) this is the payment's last known state, so a repeated checkout never opens a new PaymentIntent
     * for an order that can no longer be paid.
     *
     * @return empty when the payment provider cannot be reached right now, or refused to start the payment,
     *         or the order is no longer payable and never had a payment
     */
    public Optional<PaymentView> startPayment(OrderDetails order) {
        return startPayment(order, false);
    }

    /**
     * {@link #startPayment(OrderDetails)}; {@code placedNow} when this request placed the order, so it cannot have
     * a payment yet and none is looked for first.
     */
    public Optional<PaymentView> startPayment(OrderDetails order, boolean placedNow) {
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return payments.find(order.id().toString());
        }
        String email = emailOf(order);
        StartPayment start = new StartPayment(order.id().toString(), order.total(), email);
        try {
            return Optional.of(placedNow ? payments.startFirst(start) : payments.start(start));
        } catch (PaymentProviderUnavailable e) {
            log.warn("Payment for order {} not started yet: {}", order.id(), e.getMessage());
            return Optional.empty();
        } catch (PaymentRejected e) {
            // the order is committed either way: answer it without a payment; GET .../payment shows the refusal
            log.error("Stripe refused to start the payment of order {}: {}", order.id(), e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.error("Payment for order {} not started", order.id(), e);
            return Optional.empty();
        }
    }

    /** An order's payment, and the order. */
    public record OrderPayment(OrderDetails order, Optional<PaymentView> payment) {

        /** An order with nothing to pay (a total of zero) has no payment, and needs none. */
        public boolean nothingToPay() {
            return order.total().isZero();
        }
    }

    /**
     * The payment of an order for its owner (its customer, or the holder of its access key): started when still
     * payable, otherwise its last known state; none for an order with nothing to pay.
     */
    public OrderPayment payment(OrderId orderId, OrderAccess access) {
        OrderDetails order = queries.details(orderId, ownerOnly(access));
        if (order.total().isZero()) {
            return new OrderPayment(order, Optional.empty());
        }
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            return new OrderPayment(order, Optional.of(payments.start(
                    new StartPayment(orderId.toString(), order.total(), emailOf(order)))));
        }
        return new OrderPayment(order, payments.find(orderId.toString()));
    }

    /** The payment is the owner's to start: an admin is no exception. */
    private static OrderAccess ownerOnly(OrderAccess access) {
        return access instanceof OrderAccess.AsCustomer customer
                ? OrderAccess.customer(customer.customer(), false) : access;
    }

    /** The buyer's address as the order keeps it: no lookup after the checkout (the customer's was taken then). */
    private static @Nullable String emailOf(OrderDetails order) {
        return order.email();
    }
}
