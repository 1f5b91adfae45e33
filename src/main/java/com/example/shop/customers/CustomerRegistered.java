package com.example.shop.customers;

import java.time.Instant;

/** A new customer account exists (published in the registering transaction). */
public record CustomerRegistered(CustomerId customerId, String email, String name, Instant registeredAt) {
}
