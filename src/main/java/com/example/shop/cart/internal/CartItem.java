package com.example.shop.cart.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;

/** One line of a cart: a product variant and how many of it. */
@Entity
@Table(name = "cart_item")
class CartItem {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cart_id")
    private Cart cart;

    private UUID productId;

    private UUID variantId;

    private int quantity;

    /** Where the line stands in its cart: lines are listed in the order they were added. */
    private int position;

    private Instant addedAt;

    protected CartItem() {
    }

    CartItem(Cart cart, ProductId product, VariantId variant, int quantity, int position, Instant now) {
        this.id = UUID.randomUUID();
        this.cart = cart;
        this.productId = product.value();
        this.variantId = variant.value();
        this.quantity = quantity;
        this.position = position;
        this.addedAt = now;
    }

    UUID id() {
        return id;
    }

    ProductId productId() {
        return new ProductId(productId);
    }

    VariantId variantId() {
        return new VariantId(variantId);
    }

    int quantity() {
        return quantity;
    }

    int position() {
        return position;
    }

    void changeQuantity(int quantity) {
        this.quantity = quantity;
    }
}
