package com.example.shop.catalog.internal;

import java.util.List;

/** One way a product varies, such as {@code Size} with values {@code S, M, L}, in the order shown. */
public record ProductOption(String name, List<String> values) {

    public ProductOption {
        values = List.copyOf(values);
    }
}
