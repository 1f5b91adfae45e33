package com.example.shop.customers.internal;

import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import com.example.shop.shared.security.JwtProperties;

/** Mints the short-lived access tokens the resource server validates (HS256, {@code roles} claim). */
@Component
class AccessTokens {

    private final JwtEncoder encoder;
    private final JwtProperties properties;

    AccessTokens(JwtEncoder encoder, JwtProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
    }

    String mint(Customer customer, Instant now) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(customer.id().toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim("roles", customer.roles().stream().map(Enum::name).sorted().toList())
                .claim("email", customer.email())
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    long lifetimeSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }

}
