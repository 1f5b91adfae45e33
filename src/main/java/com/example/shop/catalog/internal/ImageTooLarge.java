package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The uploaded file is larger than {@code shop.catalog.images.max-size}. */
public class ImageTooLarge extends ShopException {

    public ImageTooLarge(long maxBytes) {
        super(new ErrorType("payload-too-large", "Request body too large", 413),
                "An image may have at most " + maxBytes + " bytes.", "file");
    }
}
