package com.example.shop.customers;

/** What a customer account may do. Every account is a {@code CUSTOMER}; administrators are also {@code ADMIN}. */
public enum Role {
    CUSTOMER,
    ADMIN
}
