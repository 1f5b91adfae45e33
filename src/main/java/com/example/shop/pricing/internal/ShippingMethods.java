package com.example.shop.pricing.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ShippingMethods extends JpaRepository<ShippingMethod, UUID> {

    @Query("select distinct m from ShippingMethod m left join fetch m.countries where m.code = :code")
    Optional<ShippingMethod> findByCode(String code);

    @Query("select count(m) > 0 from ShippingMethod m where m.code = :code")
    boolean existsByCode(String code);

    /** The active methods that ship to the country, with all their countries (one query). */
    @Query("select distinct m from ShippingMethod m left join fetch m.countries "
            + "where m.active = true and :country member of m.countries")
    List<ShippingMethod> findActiveShippingTo(String country);

    @Query("select distinct m from ShippingMethod m left join fetch m.countries order by m.code")
    List<ShippingMethod> findAllByCode();
}
