package com.example.shop.orders.internal;

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

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/** A snapshot of what was bought: the catalog may change its names and prices later, the order does not. */
@Entity
@Table(name = "orders_order_line")
class OrderLine {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;

    private int lineNo;

    private UUID productId;

    private UUID variantId;

    private String sku;

    private String name;

    /** The variant's option values as bought ({@code {}} without options), frozen with the line. */
    @Convert(converter = OptionValuesColumn.class)
    @Column(name = "option_values", nullable = false, length = 2000)
    private Map<String, String> optionValues = new LinkedHashMap<>();

    /* A line keeps its own currency column (the order's): the unit price writes it, the line total reads it. */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "unit_price"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency"))
    private Money unitPrice;

    private int quantity;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "line_total"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money lineTotal;

    /** The line's share of the order's discount. */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "discount"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money discount;

    /** The tax on the line after its discount (included in its amount where prices include tax). */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "tax"))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money tax;

    protected OrderLine() {
    }

    OrderLine(Order order, int lineNo, ProductId productId, VariantId variantId, String sku, String name,
            Map<String, String> optionValues, Money unitPrice, int quantity, Money discount, Money tax) {
        this.id = UUID.randomUUID();
        this.order = order;
        this.lineNo = lineNo;
        this.productId = productId.value();
        this.variantId = variantId.value();
        this.sku = sku;
        this.name = name;
        this.optionValues = new LinkedHashMap<>(optionValues);
        this.unitPrice = unitPrice;
        this.quantity = quantity;
        this.lineTotal = unitPrice.times(quantity);
        this.discount = discount;
        this.tax = tax;
    }

    StockLine stockLine() {
        return new StockLine(new VariantId(variantId), quantity);
    }

    UUID productId() {
        return productId;
    }

    UUID variantId() {
        return variantId;
    }

    Map<String, String> optionValues() {
        return Map.copyOf(optionValues);
    }

    String sku() {
        return sku;
    }

    String name() {
        return name;
    }

    Money unitPrice() {
        return unitPrice;
    }

    int quantity() {
        return quantity;
    }

    Money lineTotal() {
        return lineTotal;
    }

    Money discount() {
        return discount;
    }

    Money tax() {
        return tax;
    }
}
