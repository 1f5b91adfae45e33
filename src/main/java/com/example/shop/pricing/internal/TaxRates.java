package com.example.shop.pricing.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TaxRates extends JpaRepository<TaxRate, String> {

    @Query("select t from TaxRate t order by t.country")
    List<TaxRate> findAllByCountry();
}
