package com.example.shop.customers;

/** What other modules may know about a customer: enough to address them (e.g. a payment receipt). */
public record CustomerSummary(CustomerId id, String email, String name) {
}
