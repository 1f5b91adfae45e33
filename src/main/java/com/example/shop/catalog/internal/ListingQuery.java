package com.example.shop.catalog.internal;

import java.util.Locale;

/**
 * A normalised request for one page of the public listing; equal requests are equal records, so it
 * doubles as the cache key. Built through {@link #of}, which enforces the paging and sorting rules.
 * <p>
 * Relevance exists only for a full-text search. A search of only words the full-text index does not
 * hold (short words, stop words: see {@link SearchTerms}) is a name prefix match, which has no score:
 * it is sorted by name, and {@code sort=relevance} means name order for it too (the storefront cannot
 * know which words are left out, so its relevance request is honoured as well as it can be).
 */
public record ListingQuery(SearchTerms search, String category, Long minPrice, Long maxPrice, int page, int size,
        SortField sortField, boolean descending) {

    public ListingQuery {
        if (sortField == SortField.RELEVANCE && !search.usesFullText()) {
            throw new IllegalArgumentException("relevance order needs full-text search terms");
        }
    }

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    static final int MAX_PAGE = 10_000;

    /** The sortable fields: the only names a client may use, each backed by an index. */
    public enum SortField {
        NAME("name", "p.name"),
        PRICE("price", "p.price_amount"),
        CREATED_AT("createdAt", "p.created_at"),
        /** Best text match first; only with full-text terms in {@code q}, and the default then. */
        RELEVANCE("relevance", null);

        private final String param;
        private final String column;

        SortField(String param, String column) {
            this.param = param;
            this.column = column;
        }

        String column() {
            return column;
        }

        static SortField fromParam(String param) {
            for (SortField field : values()) {
                if (field.param.equals(param)) {
                    return field;
                }
            }
            throw invalid("sort", "Cannot sort by '" + param + "'; use one of name, price, createdAt, relevance.");
        }
    }

    public static ListingQuery of(String q, String category, Long minPrice, Long maxPrice, Integer page, Integer size,
            String sort) {
        int pageNumber = page == null ? 0 : page;
        if (pageNumber < 0 || pageNumber > MAX_PAGE) {
            throw invalid("page", "page must be between 0 and " + MAX_PAGE + ".");
        }
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (pageSize < 1) {
            throw invalid("size", "size must be at least 1.");
        }
        pageSize = Math.min(pageSize, MAX_SIZE);
        if (minPrice != null && minPrice < 0 || maxPrice != null && maxPrice < 0) {
            throw invalid("minPrice", "Prices must not be negative.");
        }
        if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
            throw invalid("minPrice", "minPrice must not be greater than maxPrice.");
        }
        SearchTerms search = SearchTerms.parse(q);
        SortField field = search.usesFullText() ? SortField.RELEVANCE : SortField.NAME;
        boolean descending = false;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(",", -1);
            if (parts.length > 2) {
                throw invalid("sort", "sort must look like 'field' or 'field,asc|desc'.");
            }
            field = SortField.fromParam(parts[0].strip());
            if (parts.length == 2) {
                String direction = parts[1].strip().toLowerCase(Locale.ROOT);
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw invalid("sort", "Sort direction must be asc or desc.");
                }
                descending = direction.equals("desc");
            }
            if (field == SortField.RELEVANCE && search.isEmpty()) {
                throw invalid("sort", "Sorting by relevance needs a search text (q).");
            }
            if (field == SortField.RELEVANCE && !search.usesFullText()) {
                // a name prefix match has no score: name order, whatever direction was asked for
                field = SortField.NAME;
                descending = false;
            }
        }
        String categorySlug = category == null || category.isBlank() ? null : category.strip();
        return new ListingQuery(search, categorySlug, minPrice, maxPrice, pageNumber, pageSize, field, descending);
    }

    long offset() {
        return (long) page * size;
    }

    private static InvalidListingParameter invalid(String parameter, String detail) {
        return new InvalidListingParameter(parameter, detail);
    }
}
