package com.example.shop.orders.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A guest order's access key: 256 random bits from {@link SecureRandom}, base64url without padding (43
 * characters). The order stores only the key's SHA-256; a key is checked by hashing it and comparing the two
 * hashes with {@link MessageDigest#isEqual}, which takes the same time wherever they differ. A plain hash (no
 * salt, no slow function) is enough: the key is random and long, not a password a dictionary could guess.
 */
final class OrderAccessKeys {

    /** Nothing longer is a key we made: rejected before hashing, so a huge header costs nothing. */
    static final int MAX_LENGTH = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderAccessKeys() {
    }

    /** A new key, to hand to the guest once. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the order stores for {@code key}. */
    static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** Whether {@code key} hashes to {@code storedHash}, compared in constant time. */
    static boolean matches(String storedHash, String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException corrupt) {
            return false;
        }
        return MessageDigest.isEqual(stored, sha256(key));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
