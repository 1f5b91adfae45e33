package com.example.shop.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Mints access tokens the way the application does, for tests that need a caller of some role. */
public final class Tokens {

    private Tokens() {
    }

    public static String customer(UUID id) {
        return "Bearer " + mint(LocalEnvironment.DEV_JWT_SECRET, id.toString(), List.of("CUSTOMER"), Duration.ofMinutes(5));
    }

    public static String admin(UUID id) {
        return "Bearer " + mint(LocalEnvironment.DEV_JWT_SECRET, id.toString(), List.of("CUSTOMER", "ADMIN"),
                Duration.ofMinutes(5));
    }

    public static String admin() {
        return admin(UUID.randomUUID());
    }

    public static String customer() {
        return customer(UUID.randomUUID());
    }

    /** A raw JWT; {@code validFor} may be negative for an expired one. */
    public static String mint(String secret, String subject, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        return sign(secret, JwtClaimsSet.builder()
                .issuer("shop-api")
                .subject(subject)
                .issuedAt(validFor.isNegative() ? now.plus(validFor).minusSeconds(60) : now)
                .expiresAt(now.plus(validFor))
                .claim("roles", roles)
                .build());
    }

    /** A raw JWT of exactly these claims, signed as the application signs (HS256 with {@code secret}). */
    public static String sign(String secret, JwtClaimsSet claims) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(
                new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
