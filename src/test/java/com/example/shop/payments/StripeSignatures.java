package com.example.shop.payments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads exactly as Stripe does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>}, where
 * the hex is HMAC-SHA256 under the endpoint's signing secret of {@code "<t>.<raw body>"}.
 */
public final class StripeSignatures {

    /** The webhook secret the tests and the dev run use with the stand-in (see {@code LocalEnvironment}). */
    public static final String LOCAL_WEBHOOK_SECRET = "whsec_local_stand_in";

    private StripeSignatures() {
    }

    public static String header(String payload, String secret, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + payload);
    }

    public static String header(String payload) {
        return header(payload, LOCAL_WEBHOOK_SECRET, Instant.now());
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
