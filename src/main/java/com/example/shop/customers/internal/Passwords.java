package com.example.shop.customers.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing: bcrypt with a configurable cost, stored with an {@code {bcrypt}} prefix so that a
 * stronger algorithm can be introduced later while old hashes still verify.
 */
@Configuration(proxyBeanMethods = false)
class Passwords {

    /** bcrypt ignores everything after 72 bytes; longer passwords are refused. */
    static final int MAX_BYTES = 72;

    @Bean
    PasswordEncoder passwordEncoder(PasswordProperties properties) {
        return new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())));
    }

    /** A hash of nothing anyone knows: checked against when an e-mail is unknown, so both cases cost the same. */
    @Bean
    DummyHash dummyPasswordHash(PasswordEncoder encoder) {
        return new DummyHash(encoder.encode(UUID.randomUUID().toString()));
    }

    record DummyHash(String value) {
    }

    static void requireHashable(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new PasswordTooLong();
        }
    }
}
