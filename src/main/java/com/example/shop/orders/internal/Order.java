package com.example.shop.orders.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import org.hibernate.annotations.CompositeType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.domain.Persistable;

import com.example.shop.cart.CheckoutCart;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;
import com.example.shop.customers.CustomerId;
import com.example.shop.orders.OrderBreakdown;
import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.OrderItem;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;
import com.example.shop.pricing.Quote;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/**
 * An order and its lifecycle. Every transition guards itself: a repeated confirmation, a duplicate
 * webhook or a late event changes nothing, and an illegal move throws {@link IllegalOrderTransition}.
 * Events are registered here and published by the repository in the same transaction.
 */
@Entity
@Table(name = "orders_order")
class Order extends AbstractAggregateRoot<Order> implements Persistable<UUID> {

    static final String OPEN_DISPUTE = "open";

    /** What a payment confirmation did to the order. */
    enum Confirmation {
        /** PENDING_PAYMENT -> PAID: commit the stock. */
        PAID,
        /** Already paid: nothing to do. */
        ALREADY_PAID,
        /** The order was cancelled before the money arrived: the payment must go back. */
        PAID_AFTER_CANCELLATION,
        /** The amount differs from the order total: not confirmed. */
        AMOUNT_MISMATCH
    }

    @Id
    private UUID id;

    /** The customer who placed the order, or claimed it; null for a guest order nobody has claimed. */
    private @Nullable UUID customerId;

    /** The buyer's e-mail at checkout: the customer's, or the one a guest gave. */
    private @Nullable String email;

    /** SHA-256 (hex) of a guest order's access key (the key itself is never stored); null for a customer's order. */
    private @Nullable String accessKeyHash;

    /** When a customer adopted this guest order. */
    private @Nullable Instant claimedAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private OrderStatus status;

    /*
     * An order is in one currency: its lines are summed with Money.plus, which refuses to mix currencies, and
     * payments reports refunds in the payment's currency, which is the order's. So the table keeps one currency
     * column, which makes amounts in different currencies impossible to store. The total writes it; the other
     * amounts map the same column read-only (insertable = false, updatable = false) and always have the
     * total's currency.
     */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "total"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency"))
    private Money total;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "subtotal"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money subtotal;

    /*
     * The breakdown, frozen at checkout as pricing computed it: subtotal - discount + shipping (+ tax where prices
     * exclude it) = total. A later change of a method, a rate or a code never changes a placed order.
     */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "discount"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money discount;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "shipping"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money shipping;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "tax"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money tax;

    private boolean taxIncluded;

    /** The tax rate charged, in percent; null when the country had none. */
    @Column(precision = 6, scale = 3)
    private BigDecimal taxRate;

    private String shippingMethod;

    private String shippingMethodName;

    private String discountCode;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "refunded_amount"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money refunded;

    /** What refunds that failed at Stripe after it accepted them add up to, as payments last reported it. */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "failed_refunds_amount"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money failedRefunds;

    private boolean disputed;

    private String disputeStatus;

    private String disputeId;

    @Embedded
    private ShippingAddress shippingAddress;

    private String paymentIntentId;

    private String latePaymentIntentId;

    private String carrier;

    private String trackingNumber;

    private String cancellationReason;

    private Instant createdAt;

    private Instant paidAt;

    private Instant shippedAt;

    private Instant cancelledAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNo")
    private List<OrderLine> lines = new ArrayList<>();

    /**
     * True only for an order made by {@link #place} and not yet stored. The id is assigned here and the
     * version is a primitive, so without this Spring Data would take a new order for an existing one and
     * {@code merge} it: one SELECT for the order and one per line before the inserts, inside the checkout
     * transaction while the stock rows are locked. With it, {@code save} persists straight away.
     */
    @Transient
    private boolean isNew;

    protected Order() {
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    @PostLoad
    void stored() {
        isNew = false;
    }

    /**
     * A new order of the cart's lines, charged as {@code quote} priced them (its lines are the cart's, in order).
     * {@code buyer} is the customer, or a guest with the hash of the order's access key. An order with nothing to
     * pay (a total of zero) is paid at once: there is nothing to charge, and Stripe charges no zero amount.
     */
    static Order place(Buyer buyer, List<CheckoutCart.Line> cartLines, ShippingAddress address, Quote quote,
            Instant now) {
        if (cartLines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        if (quote.lines().size() != cartLines.size()) {
            throw new IllegalArgumentException("the quote prices " + quote.lines().size() + " lines, the cart has "
                    + cartLines.size());
        }
        Order order = new Order();
        order.isNew = true;
        order.id = UUID.randomUUID();
        order.customerId = buyer.customer() == null ? null : buyer.customer().value();
        order.email = buyer.email();
        order.accessKeyHash = buyer.accessKeyHash();
        order.status = OrderStatus.PENDING_PAYMENT;
        order.shippingAddress = address;
        order.createdAt = now;
        Money subtotal = Money.zero(cartLines.get(0).unitPrice().currency());
        int lineNo = 0;
        int items = 0;
        for (CheckoutCart.Line line : cartLines) {
            Quote.Line priced = quote.lines().get(lineNo);
            if (!priced.amount().equals(line.lineTotal())) {
                throw new IllegalArgumentException("line " + lineNo + " was quoted at " + priced.amount()
                        + " but costs " + line.lineTotal());
            }
            subtotal = subtotal.plus(line.lineTotal());
            items += line.quantity();
            order.lines.add(new OrderLine(order, ++lineNo, line.productId(), line.variantId(), line.sku(), line.name(),
                    line.optionValues(), line.unitPrice(), line.quantity(), priced.discount(), priced.tax()));
        }
        if (!subtotal.equals(quote.subtotal())) {
            throw new IllegalArgumentException("the quote's subtotal " + quote.subtotal() + " is not the lines' " + subtotal);
        }
        order.subtotal = subtotal;
        order.discount = quote.discount();
        order.shipping = quote.shipping();
        order.tax = quote.tax();
        order.taxIncluded = quote.taxIncluded();
        order.taxRate = quote.taxRate() == null ? null : new BigDecimal(quote.taxRate());
        Quote.Shipping method = quote.shippingMethod();
        order.shippingMethod = method == null ? null : method.code();
        order.shippingMethodName = method == null ? null : method.name();
        order.discountCode = quote.discountCodeValue();
        order.total = quote.total();
        order.refunded = Money.zero(subtotal.currency());
        order.failedRefunds = Money.zero(subtotal.currency());
        OrderId id = order.orderId();
        List<OrderItem> bought = order.items();
        OrderBreakdown breakdown = order.breakdown();
        CustomerId customer = order.customer();
        String email = order.email;
        order.registerEvent(new OrderPlaced(UUID.randomUUID(), id, customer, email, bought, breakdown, items, now));
        if (order.total.isZero()) {
            order.status = OrderStatus.PAID;
            order.paidAt = now;
            order.registerEvent(new OrderPaid(UUID.randomUUID(), id, customer, email, bought, breakdown, null, now));
        }
        return order;
    }

    /**
     * Who places an order: a customer ({@code accessKeyHash} null), or a guest, known by an e-mail and the hash of
     * the order's access key.
     */
    record Buyer(@Nullable CustomerId customer, @Nullable String email, @Nullable String accessKeyHash) {

        Buyer {
            if ((customer == null) == (accessKeyHash == null)) {
                throw new IllegalArgumentException("a buyer is a customer or a guest with an access key");
            }
            if (customer == null && email == null) {
                throw new IllegalArgumentException("a guest buys with an e-mail");
            }
        }

        static Buyer customer(CustomerId customer, @Nullable String email) {
            return new Buyer(customer, email, null);
        }

        static Buyer guest(String email, String accessKeyHash) {
            return new Buyer(null, email, accessKeyHash);
        }
    }

    /** Whether {@code key} is this order's access key (compared in constant time); false for a customer's order. */
    boolean opensWith(String key) {
        return accessKeyHash != null && OrderAccessKeys.matches(accessKeyHash, key);
    }

    boolean isGuestOrder() {
        return accessKeyHash != null;
    }

    boolean isClaimed() {
        return accessKeyHash != null && customerId != null;
    }

    Confirmation confirmPayment(String paymentIntentId, Money amount, Instant at) {
        if (status.isPaid()) {
            return Confirmation.ALREADY_PAID;
        }
        if (!amount.equals(total())) {
            return Confirmation.AMOUNT_MISMATCH;
        }
        if (status == OrderStatus.CANCELLED) {
            if (latePaymentIntentId != null && !latePaymentIntentId.equals(paymentIntentId)) {
                return Confirmation.ALREADY_PAID;
            }
            // again for a redelivery: the refund that follows may have failed the first time, and it is idempotent
            latePaymentIntentId = paymentIntentId;
            return Confirmation.PAID_AFTER_CANCELLATION;
        }
        status = OrderStatus.PAID;
        this.paymentIntentId = paymentIntentId;
        paidAt = at;
        OrderId id = orderId();
        List<OrderItem> bought = items();
        String intent = paymentIntentId;
        registerEvent(new OrderPaid(UUID.randomUUID(), id, customer(), email, bought, breakdown(), intent, at));
        if (!refunded.isZero()) {
            // a refund reported before this confirmation (the two reactions may run out of order): it still counts
            status = paidStatus();
            registerRefunded(refunded(), at);
        }
        return Confirmation.PAID;
    }

    /**
     * Cancels an unpaid order.
     *
     * @throws IllegalOrderTransition unless the order is {@code PENDING_PAYMENT}
     */
    void cancel(String reason, Instant at) {
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw new IllegalOrderTransition(orderId(), status, OrderStatus.CANCELLED);
        }
        status = OrderStatus.CANCELLED;
        cancellationReason = reason;
        cancelledAt = at;
        registerEvent(new OrderCancelled(UUID.randomUUID(), orderId(), customer(), email, items(), breakdown(), reason,
                at));
    }

    /**
     * Ships a paid order: {@code PAID -> SHIPPED}, nothing else.
     *
     * @throws IllegalOrderTransition unless the order is {@code PAID}: also for one shipped already
     *         (shipping again is a mistake to report, not to answer as done) and one refunded in part or in full
     */
    void ship(String carrier, String trackingNumber, Instant at) {
        if (status != OrderStatus.PAID) {
            throw new IllegalOrderTransition(orderId(), status, OrderStatus.SHIPPED, shippedAt != null
                    ? "it has shipped already (" + this.carrier + ", tracking number " + this.trackingNumber + ")"
                    : "only a PAID order ships");
        }
        status = OrderStatus.SHIPPED;
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
        shippedAt = at;
        registerEvent(new OrderShipped(UUID.randomUUID(), orderId(), customer(), email, items(), breakdown(), carrier,
                trackingNumber, at));
    }

    /** How much can still be refunded; throws when the order was never paid or nothing is left. */
    Money refundable() {
        if (!status.isPaid()) {
            throw new NotRefundable(orderId(), "the order was never paid (status " + status + ")");
        }
        Money left = total().minus(refunded());
        if (left.isZero()) {
            throw new NotRefundable(orderId(), "everything has been refunded already");
        }
        return left;
    }

    /**
     * Applies the payment's refunds as payments reports them: {@code totalRefunded}, what its refunds that stand
     * add up to, and {@code totalFailed}, what refunds Stripe accepted and then failed add up to. The latter
     * only grows, and while it stays the same the former only grows, so a report with more failed, or as much
     * failed and more refunded, is newer than what the order has; any other is late or repeated and changes
     * nothing. The refunded amount may so go down (a refund failed): the order is then paid again as far as
     * the amount is concerned ({@code PAID}, or {@code SHIPPED} if it had shipped; {@code PARTIALLY_REFUNDED}
     * while some refund still stands) and that much can be refunded again. On an order not paid yet (its
     * confirmation is still to come) the amounts are recorded and {@link #confirmPayment} applies them.
     *
     * @return whether the report was newer (the order changed)
     */
    boolean applyRefunds(Money totalRefunded, Money totalFailed, Instant at) {
        long refundedNow = Math.min(totalRefunded.amount(), total.amount());
        long failedNow = totalFailed.amount();
        boolean newer = failedNow > failedRefunds.amount()
                || (failedNow == failedRefunds.amount() && refundedNow > refunded.amount());
        if (!newer) {
            return false;
        }
        long before = refunded.amount();
        refunded = new Money(refundedNow, total.currency());
        failedRefunds = new Money(failedNow, total.currency());
        if (status.isPaid() && refundedNow != before) {
            status = paidStatus();
            if (refundedNow > before) {
                registerRefunded(new Money(refundedNow - before, total.currency()), at);
            }
        }
        return true;
    }

    /** {@code amount} refunded now; the event also tells the sum so far and whether that is everything. */
    private void registerRefunded(Money amount, Instant at) {
        boolean full = status == OrderStatus.REFUNDED;
        OrderId id = orderId();
        registerEvent(new OrderRefunded(UUID.randomUUID(), id, customer(), email, items(), breakdown(), amount,
                refunded, total, full, at));
    }

    /** The lines as events tell them. */
    private List<OrderItem> items() {
        return lines.stream().map(line -> new OrderItem(new ProductId(line.productId()), line.sku(), line.name(),
                line.quantity(), line.unitPrice(), line.lineTotal())).toList();
    }

    /** The breakdown as events tell it. */
    private OrderBreakdown breakdown() {
        return new OrderBreakdown(subtotal, discount, shipping, tax, taxIncluded, total, shippingMethodName,
                discountCode);
    }

    /** Where a paid order stands: refunded in full or in part, else shipped or just paid. */
    private OrderStatus paidStatus() {
        if (refunded.amount() >= total.amount()) {
            return OrderStatus.REFUNDED;
        }
        if (!refunded.isZero()) {
            return OrderStatus.PARTIALLY_REFUNDED;
        }
        return shippedAt != null ? OrderStatus.SHIPPED : OrderStatus.PAID;
    }

    /**
     * The bank opened a dispute. A late or repeated report of a dispute that has been closed meanwhile
     * changes nothing: a closed dispute does not reopen.
     */
    void disputeOpened(String disputeId) {
        if (disputeId.equals(this.disputeId) && disputeStatus != null && !OPEN_DISPUTE.equals(disputeStatus)) {
            return;
        }
        disputed = true;
        this.disputeId = disputeId;
        disputeStatus = OPEN_DISPUTE;
    }

    /** A dispute ended with Stripe's final status ({@code won}, {@code lost}, ...). */
    void disputeClosed(String disputeId, String finalStatus) {
        disputed = true;
        this.disputeId = disputeId;
        disputeStatus = finalStatus;
    }

    /** What this order says happened since it was loaded (published when it is saved). */
    List<Object> registeredEvents() {
        return List.copyOf(domainEvents());
    }

    List<StockLine> stockLines() {
        return lines.stream().map(OrderLine::stockLine).toList();
    }

    OrderId orderId() {
        return new OrderId(id);
    }

    /** The customer, or null for a guest order nobody has claimed. */
    @Nullable CustomerId customer() {
        return customerId == null ? null : new CustomerId(customerId);
    }

    boolean belongsTo(CustomerId customer) {
        return customer.value().equals(customerId);
    }

    @Nullable String email() {
        return email;
    }

    @Nullable Instant claimedAt() {
        return claimedAt;
    }

    Money total() {
        return total;
    }

    Money subtotal() {
        return subtotal;
    }

    Money discount() {
        return discount;
    }

    Money shipping() {
        return shipping;
    }

    Money tax() {
        return tax;
    }

    boolean taxIncluded() {
        return taxIncluded;
    }

    /** The rate charged as a decimal string ({@code "19"}, {@code "7.5"}); null when none. */
    String taxRate() {
        return taxRate == null ? null : taxRate.stripTrailingZeros().toPlainString();
    }

    String shippingMethod() {
        return shippingMethod;
    }

    String shippingMethodName() {
        return shippingMethodName;
    }

    String discountCode() {
        return discountCode;
    }

    Money refunded() {
        return refunded;
    }

    UUID id() {
        return id;
    }

    /** Grows with every change written; the order streams use it as the event id. */
    long version() {
        return version;
    }

    OrderStatus status() {
        return status;
    }

    boolean disputed() {
        return disputed;
    }

    String disputeStatus() {
        return disputeStatus;
    }

    String disputeId() {
        return disputeId;
    }

    ShippingAddress shippingAddress() {
        return shippingAddress;
    }

    String paymentIntentId() {
        return paymentIntentId;
    }

    String latePaymentIntentId() {
        return latePaymentIntentId;
    }

    String carrier() {
        return carrier;
    }

    String trackingNumber() {
        return trackingNumber;
    }

    String cancellationReason() {
        return cancellationReason;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant paidAt() {
        return paidAt;
    }

    Instant shippedAt() {
        return shippedAt;
    }

    Instant cancelledAt() {
        return cancelledAt;
    }

    List<OrderLine> lines() {
        return List.copyOf(lines);
    }

    int itemCount() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
