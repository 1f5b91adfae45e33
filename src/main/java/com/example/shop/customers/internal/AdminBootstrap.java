package com.example.shop.customers.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the first administrator from configuration ({@code SHOP_ADMIN_EMAIL}, {@code SHOP_ADMIN_PASSWORD})
 * at start-up, once: an existing account is never changed, and concurrent starts create it once.
 * There is no public way to become an administrator.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final AdminProperties properties;

    AdminBootstrap(AccountService accounts, AdminProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean email = StringUtils.hasText(properties.email());
        boolean password = StringUtils.hasText(properties.password());
        if (!email && !password) {
            return;
        }
        if (!email || !password) {
            log.warn("Set both SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD to create the first administrator");
            return;
        }
        if (properties.password().length() < 8) {
            throw new IllegalStateException("SHOP_ADMIN_PASSWORD must have at least 8 characters");
        }
        accounts.createAdminIfAbsent(properties.email(), properties.password(), properties.name());
    }
}
