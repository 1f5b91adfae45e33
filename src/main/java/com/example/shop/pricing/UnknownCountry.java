package com.example.shop.pricing;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A country code that is not an ISO 3166-1 alpha-2 code: a validation problem naming the field. */
public class UnknownCountry extends ShopException {

    public UnknownCountry(String field, @Nullable String value) {
        super(ErrorType.VALIDATION, "'" + value + "' is not an ISO 3166-1 alpha-2 country code (such as DE or GB).",
                field);
    }
}
