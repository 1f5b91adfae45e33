package com.example.shop.pricing.internal;

import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hibernate.Session;

class DiscountCodesByNameImpl implements DiscountCodesByName {

    @PersistenceContext
    private EntityManager entityManager;

    @Override
    public Optional<DiscountCode> findByName(String canonicalCode) {
        return entityManager.unwrap(Session.class).bySimpleNaturalId(DiscountCode.class).loadOptional(canonicalCode);
    }
}
