package com.example.shop.shared.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The storefront origins allowed to call the API from a browser; none by default. */
@ConfigurationProperties("shop.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {
}
