package com.example.shop.cart.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.customers.CustomerId;

/**
 * A cart: lines of product and quantity, owned by a customer or anonymous. It holds no prices; the
 * catalog's current ones are applied every time it is read. Quantity rules live here; availability
 * is checked by the caller, which knows the catalog.
 */
@Entity
@Table(name = "cart_cart")
class Cart {

    static final int MAX_QUANTITY = 99;
    /** Distinct products per cart; with {@link #MAX_QUANTITY} and the catalog's price cap, totals fit a long easily. */
    static final int MAX_LINES = 100;

    @Id
    private UUID id;

    @Column(name = "owner_id")
    private UUID ownerId;

    @Version
    private long version;

    private Instant createdAt;

    private Instant updatedAt;

    @OneToMany(mappedBy = "cart", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position, addedAt, id")
    private List<CartItem> items = new ArrayList<>();

    protected Cart() {
    }

    private Cart(UUID ownerId, Instant now) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    static Cart anonymous(Instant now) {
        return new Cart(null, now);
    }

    static Cart ownedBy(CustomerId owner, Instant now) {
        return new Cart(owner.value(), now);
    }

    UUID id() {
        return id;
    }

    Optional<CustomerId> owner() {
        return Optional.ofNullable(ownerId).map(CustomerId::new);
    }

    boolean isAnonymous() {
        return ownerId == null;
    }

    /** An owned cart is for its owner only; an anonymous one for whoever holds its id. */
    boolean isAccessibleBy(Optional<CustomerId> caller) {
        return ownerId == null || caller.map(c -> c.value().equals(ownerId)).orElse(false);
    }

    List<CartItem> items() {
        return List.copyOf(items);
    }

    Optional<CartItem> item(UUID itemId) {
        return items.stream().filter(item -> item.id().equals(itemId)).findFirst();
    }

    Optional<CartItem> itemFor(VariantId variant) {
        return items.stream().filter(item -> item.variantId().equals(variant)).findFirst();
    }

    int quantityOf(VariantId variant) {
        return itemFor(variant).map(CartItem::quantity).orElse(0);
    }

    /** Whether this variant can be added: it has a line already, or there is room for one more. */
    boolean hasRoomFor(VariantId variant) {
        return itemFor(variant).isPresent() || items.size() < MAX_LINES;
    }

    /**
     * Adds to the line of this variant (creating it when new, if the cart has room for another line).
     *
     * @return whether a new line was created
     */
    boolean add(ProductId product, VariantId variant, int quantity, Instant now) {
        requireLineQuantity(quantity);
        Optional<CartItem> existing = itemFor(variant);
        if (existing.isPresent()) {
            existing.get().changeQuantity(requireLineQuantity(existing.get().quantity() + quantity));
        } else {
            if (items.size() >= MAX_LINES) {
                throw new CartFull(MAX_LINES);
            }
            int next = items.stream().mapToInt(CartItem::position).max().orElse(0) + 1;
            items.add(new CartItem(this, product, variant, quantity, next, now));
        }
        touch(now);
        return existing.isEmpty();
    }

    /** Sets a line's quantity; zero removes the line. */
    void changeQuantity(CartItem item, int quantity, Instant now) {
        if (quantity == 0) {
            remove(item, now);
            return;
        }
        item.changeQuantity(requireLineQuantity(quantity));
        touch(now);
    }

    void remove(CartItem item, Instant now) {
        items.remove(item);
        touch(now);
    }

    void clear(Instant now) {
        items.clear();
        touch(now);
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    static int requireLineQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new QuantityOutOfRange(quantity);
        }
        return quantity;
    }
}
