package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The uploaded file is not a JPEG, PNG or WebP by its content, whatever its name or declared type. */
public class UnsupportedImage extends ShopException {

    public UnsupportedImage() {
        super(new ErrorType("unsupported-media-type", "Unsupported media type", 415),
                "The file is not a JPEG, PNG or WebP image.", "file");
    }
}
