package com.example.shop.customers.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The first administrator, created at start-up when both are set ({@code SHOP_ADMIN_EMAIL}, {@code SHOP_ADMIN_PASSWORD}). */
@ConfigurationProperties("shop.admin")
record AdminProperties(String email, String password, @DefaultValue("Administrator") String name) {

    @Override
    public String toString() {
        return "AdminProperties[email=" + email + ", password=***, name=" + name + "]";
    }
}
