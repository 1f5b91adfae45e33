package com.example.shop.shared.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the access tokens: an HMAC-SHA256 key ({@code SHOP_JWT_SECRET}, at least 32 characters,
 * from the environment), the issuer, the lifetime and the clock skew accepted when validating.
 */
@ConfigurationProperties("shop.security.jwt")
public record JwtProperties(
        String secret,
        @DefaultValue("shop-api") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30s") Duration clockSkew) {

    public static final int MIN_SECRET_LENGTH = 32;

    public JwtProperties {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "shop.security.jwt.secret (SHOP_JWT_SECRET) must be at least " + MIN_SECRET_LENGTH + " characters");
        }
    }

    SecretKey key() {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
