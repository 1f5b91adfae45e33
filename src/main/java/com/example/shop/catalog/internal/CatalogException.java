package com.example.shop.catalog.internal;

/**
 * A catalog rule was broken by a request. The {@link Reason} says which, and how the web layer answers
 * (status and a stable problem slug), so new rules do not need a new exception class each.
 */
public class CatalogException extends RuntimeException {

    public enum Reason {
        PRODUCT_NOT_FOUND(404, "not-found", "Not found"),
        CATEGORY_NOT_FOUND(404, "not-found", "Not found"),
        DUPLICATE_SKU(409, "duplicate-sku", "SKU already in use"),
        DUPLICATE_SLUG(409, "duplicate-slug", "Slug already in use"),
        STALE_VERSION(409, "stale-version", "Stale version"),
        STOCK_BELOW_RESERVED(409, "stock-below-reserved", "Stock below reserved"),
        CATEGORY_IN_USE(409, "category-in-use", "Category in use"),
        CATEGORY_CYCLE(409, "category-cycle", "Category cycle"),
        /** A concurrent change made this one impossible (e.g. a category deleted while a product was saved into it). */
        CONCURRENT_CHANGE(409, "concurrent-change", "Concurrent change"),
        UNKNOWN_CATEGORY(400, "unknown-category", "Unknown category"),
        WRONG_CURRENCY(400, "wrong-currency", "Wrong currency"),
        /** A field breaks a rule of the domain that request validation did not catch first. */
        INVALID_FIELD(400, "validation", "Invalid request"),
        INVALID_QUERY(400, "invalid-parameter", "Invalid parameter");

        private final int status;
        private final String slug;
        private final String title;

        Reason(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String slug() {
            return slug;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;
    private final String field;

    public CatalogException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** A rule about one request field or parameter, named so that clients can point at it. */
    public CatalogException(Reason reason, String detail, String field) {
        super(detail);
        this.reason = reason;
        this.field = field;
    }

    /** A request field that breaks a domain rule: a validation problem naming the field. */
    static CatalogException invalid(String field, String detail) {
        return new CatalogException(Reason.INVALID_FIELD, detail, field);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
