package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.example.shop.customers.CustomerId;
import com.example.shop.customers.CustomerRegistered;
import com.example.shop.customers.CustomerSummary;
import com.example.shop.customers.Role;

/**
 * A customer account. The e-mail is stored normalised (trimmed, lower case) and is unique; the password
 * only as an adaptive hash. Roles change only through code paths that are never public (the start-up
 * admin), so no request body can grant them.
 */
@Entity
@Table(name = "customers_customer")
class Customer extends AbstractAggregateRoot<Customer> {

    @Id
    private UUID id;

    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    private String name;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    // a page of the admin list (at most 100) loads the roles of all its customers in one query, not one each
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "customers_customer_role", joinColumns = @JoinColumn(name = "customer_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Version
    private Long version;

    protected Customer() {
    }

    private Customer(UUID id, String email, String passwordHash, String name, Set<Role> roles, Instant now) {
        this.id = id;
        this.email = email;
        this.passwordHash = passwordHash;
        this.name = name;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = now;
        this.passwordChangedAt = now;
    }

    /** A new account; {@code CUSTOMER} is always among its roles. Registers {@link CustomerRegistered}. */
    static Customer register(String email, String passwordHash, String name, Set<Role> extraRoles, Instant now) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Set<Role> roles = EnumSet.of(Role.CUSTOMER);
        roles.addAll(extraRoles);
        Customer customer = new Customer(UUID.randomUUID(), email, passwordHash, name, roles, now);
        customer.registerEvent(new CustomerRegistered(customer.customerId(), email, name, now));
        return customer;
    }

    void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
    }

    void changePassword(String newPasswordHash, Instant now) {
        this.passwordHash = Objects.requireNonNull(newPasswordHash, "passwordHash");
        this.passwordChangedAt = now;
    }

    CustomerId customerId() {
        return new CustomerId(id);
    }

    CustomerSummary summary() {
        return new CustomerSummary(customerId(), email, name);
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    String name() {
        return name;
    }

    String passwordHash() {
        return passwordHash;
    }

    Instant createdAt() {
        return createdAt;
    }

    Set<Role> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }
}
