package com.example.shop.shared.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The proxies in front of the application whose forwarding headers are believed ({@link TrustedProxies}).
 *
 * @param trustedProxies  IP addresses and CIDR ranges (IPv4 and IPv6) of the load balancers and reverse proxies;
 *                        none by default, so no forwarding header is believed
 * @param forwardedHeader which header those proxies write: only that one is read, because a proxy passes on the
 *                        other one as the client sent it, and a client could then choose its own address
 */
@ConfigurationProperties("shop.web")
public record ProxyProperties(
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("x-forwarded") ForwardedHeader forwardedHeader) {

    public ProxyProperties {
        trustedProxies = trustedProxies.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }

    /** The header a trusted proxy writes. */
    public enum ForwardedHeader {
        /** {@code X-Forwarded-For} and {@code X-Forwarded-Proto} (HAProxy, nginx, most cloud load balancers). */
        X_FORWARDED,
        /** RFC 7239 {@code Forwarded} ({@code for=}, {@code proto=}). */
        FORWARDED
    }
}
