package com.example.shop.cart.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.cart.CartId;
import com.example.shop.cart.CartNotFound;
import com.example.shop.cart.Carts;
import com.example.shop.cart.CheckoutCart;
import com.example.shop.catalog.Catalog;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.ProductSnapshot;
import com.example.shop.catalog.VariantId;
import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

/**
 * Cart use cases. Every change locks the cart row first ({@code SELECT ... FOR UPDATE}), so concurrent
 * adds to one cart are applied one after another and none is lost. Availability is checked against
 * the catalog at the moment of the change; nothing is reserved until checkout.
 */
@Service
public class CartService implements Carts {

    private static final Logger log = LoggerFactory.getLogger(CartService.class);

    private final CartRepository carts;
    private final Catalog catalog;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Currency currency;
    private final Duration anonymousTtl;

    CartService(CartRepository carts, Catalog catalog, TransactionTemplate transactions,
            @Value("${shop.currency:EUR}") String currency,
            @Value("${shop.cart.anonymous-ttl:30d}") Duration anonymousTtl) {
        this.carts = carts;
        this.catalog = catalog;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
        this.currency = Money.currency(currency);
        this.anonymousTtl = anonymousTtl;
    }

    public record Created(PricedCart cart, boolean created) {
    }

    /** A new anonymous cart, or for a customer their one cart (created when they have none). */
    public Created create(Optional<CustomerId> caller) {
        if (caller.isEmpty()) {
            Cart cart = transactions.execute(status -> carts.save(Cart.anonymous(clock.instant())));
            return new Created(price(cart), true);
        }
        Optional<Cart> existing = carts.findByOwner(caller.get().value());
        if (existing.isPresent()) {
            return new Created(price(existing.get()), false);
        }
        return new Created(mine(caller.get()), true);
    }

    /** The customer's cart, created empty on first use; two concurrent first uses still make one cart. */
    public PricedCart mine(CustomerId customer) {
        Optional<Cart> existing = carts.findByOwner(customer.value());
        if (existing.isPresent()) {
            return price(existing.get());
        }
        try {
            transactions.executeWithoutResult(status -> carts.saveAndFlush(Cart.ownedBy(customer, clock.instant())));
        } catch (DataIntegrityViolationException raced) {
            // another request created it first: the unique owner index decided, use theirs
        }
        return price(carts.findByOwner(customer.value()).orElseThrow());
    }

    @Transactional(readOnly = true)
    public PricedCart get(CartId cartId, Optional<CustomerId> caller) {
        return price(accessible(carts.findWithItems(cartId.value()), cartId, caller));
    }

    public record Added(PricedCart cart, boolean newLine) {
    }

    /**
     * Adds units of a variant; a product with one variant may be named by its product id alone (a product with
     * several is then a 400 naming {@code variantId}).
     */
    @Transactional
    public Added addItem(CartId cartId, Optional<CustomerId> caller, Optional<ProductId> productId,
            Optional<VariantId> variantId, int quantity) {
        Cart.requireLineQuantity(quantity);
        Cart cart = accessible(carts.findForUpdate(cartId.value()), cartId, caller);
        VariantId variant = variantId.orElseGet(() -> soleVariant(productId.orElseThrow()));
        ProductSnapshot product = catalog.find(variant).filter(ProductSnapshot::active)
                .filter(p -> productId.map(p.id()::equals).orElse(true))
                .orElseThrow(() -> new VariantNotFound(variant));
        int wanted = cart.quantityOf(variant) + quantity;
        Cart.requireLineQuantity(wanted);
        requireAvailable(product, wanted);
        boolean newLine = cart.add(product.id(), variant, quantity, clock.instant());
        return new Added(price(carts.saveAndFlush(cart)), newLine);
    }

    private VariantId soleVariant(ProductId product) {
        List<VariantId> variants = catalog.variantsOf(product);
        if (variants.isEmpty()) {
            throw new ProductNotFound(product);
        }
        if (variants.size() > 1) {
            throw new VariantRequired(product, variants.size());
        }
        return variants.get(0);
    }

    @Transactional
    public PricedCart changeItem(CartId cartId, Optional<CustomerId> caller, CartItemId itemId, int quantity) {
        if (quantity != 0) {
            Cart.requireLineQuantity(quantity);
        }
        Cart cart = accessible(carts.findForUpdate(cartId.value()), cartId, caller);
        CartItem item = cart.item(itemId.value()).orElseThrow(() -> new CartItemNotFound(itemId.value()));
        if (quantity > item.quantity()) {
            ProductSnapshot product = catalog.find(item.variantId()).filter(ProductSnapshot::active)
                    .orElseThrow(() -> new VariantNotFound(item.variantId()));
            requireAvailable(product, quantity);
        }
        cart.changeQuantity(item, quantity, clock.instant());
        return price(carts.saveAndFlush(cart));
    }

    @Transactional
    public PricedCart removeItem(CartId cartId, Optional<CustomerId> caller, CartItemId itemId) {
        Cart cart = accessible(carts.findForUpdate(cartId.value()), cartId, caller);
        CartItem item = cart.item(itemId.value()).orElseThrow(() -> new CartItemNotFound(itemId.value()));
        cart.remove(item, clock.instant());
        return price(carts.saveAndFlush(cart));
    }

    public record Merged(PricedCart cart, List<Adjustment> adjustments) {
    }

    /** A line that could not be merged in full: how much was asked for and how much the cart now has. */
    public record Adjustment(UUID productId, UUID variantId, int requested, int merged, String reason) {
    }

    /**
     * Moves an anonymous cart's lines into the customer's cart: quantities add up, capped by what is
     * available (and the per-line maximum); new lines beyond the per-cart maximum are left out and
     * reported; the anonymous cart is deleted. A cart that belongs to
     * anyone (the caller included) is not anonymous and is reported as not found.
     */
    public Merged merge(CustomerId customer, CartId sourceId) {
        mine(customer); // make sure the target exists before locking
        return transactions.execute(status -> {
            Cart target = carts.findByOwnerForUpdate(customer.value()).orElseThrow();
            Cart source = carts.findForUpdate(sourceId.value()).filter(Cart::isAnonymous)
                    .orElseThrow(() -> new CartNotFound(sourceId.value()));
            List<VariantId> ids = source.items().stream().map(CartItem::variantId).toList();
            Map<VariantId, ProductSnapshot> products = catalog.findAll(ids);
            List<Adjustment> adjustments = new ArrayList<>();
            Instant now = clock.instant();
            for (CartItem line : source.items()) {
                ProductSnapshot product = products.get(line.variantId());
                if (product == null || !product.active()) {
                    adjustments.add(new Adjustment(line.productId().value(), line.variantId().value(), line.quantity(), 0,
                            "unavailable"));
                    continue;
                }
                if (!target.hasRoomFor(line.variantId())) {
                    adjustments.add(new Adjustment(line.productId().value(), line.variantId().value(), line.quantity(), 0,
                            "limited to " + Cart.MAX_LINES + " lines per cart"));
                    continue;
                }
                int current = target.quantityOf(line.variantId());
                int wanted = current + line.quantity();
                int cap = Math.min(Cart.MAX_QUANTITY, Math.max(product.available(), current));
                int merged = Math.min(wanted, cap);
                if (merged > current) {
                    target.add(line.productId(), line.variantId(), merged - current, now);
                }
                if (merged < wanted) {
                    adjustments.add(new Adjustment(line.productId().value(), line.variantId().value(), line.quantity(),
                            merged - current,
                            product.available() < wanted ? "limited by stock" : "limited to " + Cart.MAX_QUANTITY + " per line"));
                }
            }
            carts.delete(source);
            carts.flush();
            return new Merged(price(target), adjustments);
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CheckoutCart> find(CartId cartId, Optional<CustomerId> caller) {
        return carts.findWithItems(cartId.value())
                .filter(cart -> cart.isAccessibleBy(caller))
                .map(cart -> checkoutCart(cartId, cart));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CheckoutCart> lockForCheckout(CartId cartId, Optional<CustomerId> caller) {
        return carts.findForUpdate(cartId.value())
                .filter(cart -> cart.isAccessibleBy(caller))
                .map(cart -> checkoutCart(cartId, cart));
    }

    private CheckoutCart checkoutCart(CartId cartId, Cart cart) {
        List<CartItem> items = cart.items();
        Map<VariantId, ProductSnapshot> products = catalog.findAll(items.stream().map(CartItem::variantId).toList());
        return new CheckoutCart(cartId, items.stream().map(item -> {
            ProductSnapshot product = products.get(item.variantId());
            return product == null
                    ? new CheckoutCart.Line(item.productId(), item.variantId(), null, null, Map.of(), Money.zero(currency),
                            item.quantity(), false)
                    : new CheckoutCart.Line(item.productId(), item.variantId(), product.sku(), product.name(),
                            product.optionValues(), product.price(), item.quantity(), product.active());
        }).toList());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void clear(CartId cartId) {
        // Checkout locked the cart in this transaction (lockForCheckout), so it is in the persistence context and
        // this reads nothing; without that lock the cart's version still refuses a concurrent change at flush.
        carts.findById(cartId.value()).ifPresent(cart -> cart.clear(clock.instant()));
    }

    /**
     * The scheduled purge, on one instance at a time: batches of deletes, 30 minutes at most; at least 5 minutes
     * between two instances' runs (it runs hourly). Idempotent all the same.
     */
    @Scheduled(fixedDelayString = "${shop.cart.purge-interval:1h}", initialDelayString = "${shop.cart.purge-initial-delay:5m}")
    @SchedulerLock(name = "cart.purge-abandoned", lockAtMostFor = "30m", lockAtLeastFor = "5m")
    public void scheduledPurge() {
        purgeAbandoned();
    }

    /** Deletes anonymous carts nobody has touched for {@code shop.cart.anonymous-ttl}; idempotent. */
    public int purgeAbandoned() {
        Instant cutoff = clock.instant().minus(anonymousTtl);
        int total = 0;
        int deleted;
        do {
            deleted = transactions.execute(status -> carts.deleteAnonymousNotUpdatedSince(cutoff));
            total += deleted;
        } while (deleted > 0);
        if (total > 0) {
            log.info("Purged {} abandoned anonymous cart(s) not updated since {}", total, cutoff);
        }
        return total;
    }

    private Cart accessible(Optional<Cart> cart, CartId id, Optional<CustomerId> caller) {
        return cart.filter(c -> c.isAccessibleBy(caller)).orElseThrow(() -> new CartNotFound(id.value()));
    }

    private static void requireAvailable(ProductSnapshot product, int wanted) {
        if (wanted > product.available()) {
            throw new NotEnoughStock(product.id(), product.variantId(), wanted, product.available());
        }
    }

    private PricedCart price(Cart cart) {
        List<CartItem> items = cart.items();
        Map<VariantId, ProductSnapshot> products = items.isEmpty() ? Map.of()
                : catalog.findAll(items.stream().map(CartItem::variantId).toList());
        Money subtotal = Money.zero(currency);
        int count = 0;
        List<PricedCart.Line> lines = new ArrayList<>(items.size());
        for (CartItem item : items) {
            ProductSnapshot product = products.get(item.variantId());
            boolean available = product != null && product.active();
            Money unitPrice = product != null ? product.price() : Money.zero(currency);
            Money lineTotal = unitPrice.times(item.quantity());
            if (available) {
                subtotal = subtotal.plus(lineTotal);
                count += item.quantity();
            }
            lines.add(new PricedCart.Line(item.id(), item.productId(), item.variantId(),
                    product != null ? product.sku() : null, product != null ? product.optionValues() : Map.of(),
                    product != null ? product.name() : null, unitPrice, item.quantity(), lineTotal, available));
        }
        return new PricedCart(cart.id(), !cart.isAnonymous(), lines, count, subtotal);
    }
}
