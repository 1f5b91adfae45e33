package com.example.shop.cart.internal;

import com.example.shop.catalog.ProductId;
import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The product does not exist or is no longer on sale. */
public class ProductNotFound extends ShopException {

    public ProductNotFound(ProductId id) {
        super(new ErrorType("product-not-found", "Product not found", 404), "Product " + id + " not found");
    }
}
