package com.example.shop.cart.internal;

import java.util.UUID;

import com.example.shop.catalog.ProductId;

/** What can go wrong with a cart; the web layer turns each into a problem response. */
public final class CartProblems {

    private CartProblems() {
    }

    /** No such cart, or one the caller may not see (never say which). */
    public static final class CartNotFound extends RuntimeException {
        public CartNotFound(UUID id) {
            super("Cart " + id + " not found");
        }
    }

    public static final class ItemNotFound extends RuntimeException {
        public ItemNotFound(UUID id) {
            super("Cart item " + id + " not found");
        }
    }

    /** The product does not exist or is no longer on sale. */
    public static final class ProductNotFound extends RuntimeException {
        public ProductNotFound(ProductId id) {
            super("Product " + id + " not found");
        }
    }

    public static final class QuantityOutOfRange extends RuntimeException {
        public QuantityOutOfRange(int quantity) {
            super("Quantity per line must be between 1 and " + Cart.MAX_QUANTITY + ", was " + quantity);
        }
    }

    /** A new product for a cart that already has the most lines a cart may have. */
    public static final class CartFull extends RuntimeException {
        private final int maxLines;

        public CartFull(int maxLines) {
            super("A cart holds at most " + maxLines + " different products; remove a line first");
            this.maxLines = maxLines;
        }

        public int maxLines() {
            return maxLines;
        }
    }

    public static final class NotEnoughStock extends RuntimeException {
        private final ProductId productId;
        private final int requested;
        private final int available;

        public NotEnoughStock(ProductId productId, int requested, int available) {
            super("Only " + available + " unit(s) of product " + productId + " available, " + requested + " requested");
            this.productId = productId;
            this.requested = requested;
            this.available = available;
        }

        public ProductId productId() {
            return productId;
        }

        public int requested() {
            return requested;
        }

        public int available() {
            return available;
        }
    }
}
