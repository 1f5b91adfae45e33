/**
 * How the shared values are stored: {@link com.example.shop.shared.persistence.MoneyType} maps
 * {@link com.example.shop.shared.Money} to an amount and a currency column in every entity.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.persistence;
