package com.example.shop.customers.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Raising the bcrypt cost ({@code shop.security.password.bcrypt-strength}) strengthens every account over time:
 * a login that verified the password against a hash of a lower cost (the encoder's {@code upgradeEncoding})
 * stores a new hash of it at the configured cost. The password itself never changes.
 */
@Component
class PasswordRehash {

    private static final Logger log = LoggerFactory.getLogger(PasswordRehash.class);

    private final PasswordEncoder encoder;
    private final CustomerRepository customers;

    PasswordRehash(PasswordEncoder encoder, CustomerRepository customers) {
        this.encoder = encoder;
        this.customers = customers;
    }

    /** After the password was verified against the customer's stored hash. */
    void afterLogin(Customer customer, String password) {
        String verified = customer.passwordHash();
        if (encoder.upgradeEncoding(verified)
                && customers.rehashPassword(customer.id(), verified, encoder.encode(password)) == 1) {
            log.debug("Password hash of customer {} renewed at the configured cost", customer.id());
        }
    }
}
