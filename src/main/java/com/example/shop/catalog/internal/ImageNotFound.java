package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No such image (of this product). */
public class ImageNotFound extends ShopException {

    public ImageNotFound(String id) {
        super(ErrorType.NOT_FOUND, "No image " + id + ".");
    }
}
