package com.example.shop.pricing.internal;

import java.util.Optional;

/**
 * A discount code by its canonical spelling, through Hibernate's natural-id load: the first lookup in a
 * transaction reads the row, a second one for the same code (the checkout's claim, after its quote) is answered
 * from the persistence context without a statement. A query ({@link DiscountCodes#findByCode}) would run again:
 * Spring Data has no natural-id lookup, hence this fragment.
 */
interface DiscountCodesByName {

    Optional<DiscountCode> findByName(String canonicalCode);
}
