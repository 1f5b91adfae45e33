package com.example.shop.pricing.internal;

import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

class DiscountCodesByNameImpl implements DiscountCodesByName {

    /** The shared, transaction-bound EntityManager. */
    private final EntityManager entityManager;

    DiscountCodesByNameImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Optional<DiscountCode> findByName(String canonicalCode) {
        return entityManager.unwrap(Session.class).bySimpleNaturalId(DiscountCode.class).loadOptional(canonicalCode);
    }
}
