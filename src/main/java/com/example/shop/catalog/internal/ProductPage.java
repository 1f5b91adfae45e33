package com.example.shop.catalog.internal;

import java.util.List;

/** One page of the public listing, without availability (see {@link ProductView}). */
public record ProductPage(List<ProductView> content, int number, int size, long totalElements) {

    public ProductPage {
        content = List.copyOf(content);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
    }
}
