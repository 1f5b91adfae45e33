package com.example.shop.catalog.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.CompositeType;

import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/**
 * One option combination of a product that is sold: its own SKU and price. Part of the {@link Product}
 * aggregate; its stock is a {@code catalog_stock} row of the same id, moved only by {@link StockLedger}.
 */
@Entity
@Table(name = "catalog_variant")
class Variant {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id")
    private Product product;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 64)
    private String sku;

    @Convert(converter = JsonColumns.OptionValues.class)
    @Column(name = "option_values", nullable = false, length = 2000)
    private Map<String, String> optionValues = new LinkedHashMap<>();

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "price_amount", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "price_currency", nullable = false, length = 3))
    private Money price;

    protected Variant() {
    }

    Variant(UUID id, Product product) {
        this.id = id;
        this.product = product;
    }

    void apply(int position, String sku, Map<String, String> optionValues, Money price) {
        this.position = position;
        this.sku = sku;
        this.optionValues = new LinkedHashMap<>(optionValues);
        this.price = price;
    }

    public UUID getId() {
        return id;
    }

    public int getPosition() {
        return position;
    }

    public String getSku() {
        return sku;
    }

    public Map<String, String> getOptionValues() {
        return optionValues;
    }

    public Money getPrice() {
        return price;
    }
}
