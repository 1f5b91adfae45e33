package com.example.shop.pricing.internal;

import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

class DiscountCodesByCodeImpl implements DiscountCodesByCode {

    /** The shared, transaction-bound EntityManager. */
    private final EntityManager entityManager;

    DiscountCodesByCodeImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Optional<DiscountCode> findByCode(String canonicalCode) {
        return entityManager.unwrap(Session.class).bySimpleNaturalId(DiscountCode.class).loadOptional(canonicalCode);
    }
}
