package com.example.shop.pricing.internal;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DiscountCodes extends JpaRepository<DiscountCode, UUID>, DiscountCodesByCode {

    @Query("select count(d) > 0 from DiscountCode d where d.code = :code")
    boolean existsByCode(String code);

    @Query(value = "select d from DiscountCode d order by d.code", countQuery = "select count(d) from DiscountCode d")
    Page<DiscountCode> findAllByCode(Pageable page);
}
