package com.example.shop.orders.internal;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;

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

    private String sku;

    private String name;

    private long unitPrice;

    private int quantity;

    private long lineTotal;

    protected OrderLine() {
    }

    OrderLine(Order order, int lineNo, ProductId productId, String sku, String name, long unitPrice, int quantity) {
        this.id = UUID.randomUUID();
        this.order = order;
        this.lineNo = lineNo;
        this.productId = productId.value();
        this.sku = sku;
        this.name = name;
        this.unitPrice = unitPrice;
        this.quantity = quantity;
        this.lineTotal = Math.multiplyExact(unitPrice, quantity);
    }

    StockLine stockLine() {
        return new StockLine(new ProductId(productId), quantity);
    }

    UUID productId() {
        return productId;
    }

    String sku() {
        return sku;
    }

    String name() {
        return name;
    }

    long unitPrice() {
        return unitPrice;
    }

    int quantity() {
        return quantity;
    }

    long lineTotal() {
        return lineTotal;
    }
}
