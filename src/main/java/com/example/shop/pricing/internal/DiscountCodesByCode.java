package com.example.shop.pricing.internal;

import java.util.Optional;

/**
 * A discount code by its canonical (upper-case) spelling, through Hibernate's natural-id load: the first lookup in
 * a transaction reads the row, a second one for the same code (the checkout's claim, after its quote) is answered
 * from the persistence context without a statement, where a query would run again. Spring Data has no natural-id
 * lookup, hence this fragment.
 */
interface DiscountCodesByCode {

    Optional<DiscountCode> findByCode(String canonicalCode);
}
