package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An entry of a customer's address book; it belongs to exactly one customer. */
@Entity
@Table(name = "customers_address")
class Address {

    @Id
    private UUID id;

    @Column(name = "customer_id")
    private UUID customerId;

    private String name;
    private String line1;
    private String line2;
    private String city;

    @Column(name = "postal_code")
    private String postalCode;

    @Column(length = 2)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String country;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private Long version;

    protected Address() {
    }

    static Address add(UUID customerId, AddressBookService.AddressData data, Instant now) {
        Address address = new Address();
        address.id = UUID.randomUUID();
        address.customerId = customerId;
        address.createdAt = now;
        address.change(data);
        return address;
    }

    void change(AddressBookService.AddressData data) {
        this.name = data.name();
        this.line1 = data.line1();
        this.line2 = data.line2();
        this.city = data.city();
        this.postalCode = data.postalCode();
        this.country = data.country();
    }

    AddressBookService.AddressData data() {
        return new AddressBookService.AddressData(name, line1, line2, city, postalCode, country);
    }

    UUID id() {
        return id;
    }
}
