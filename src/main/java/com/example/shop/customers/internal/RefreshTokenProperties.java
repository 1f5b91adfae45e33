package com.example.shop.customers.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Lifetime of a refresh token (each refresh issues a new one with a fresh lifetime). */
@ConfigurationProperties("shop.security.refresh-token")
record RefreshTokenProperties(@DefaultValue("30d") Duration ttl) {
}
