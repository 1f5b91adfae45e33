package com.example.shop.orders.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.example.shop.orders.OrderId;

/**
 * Tickets that open one order's event stream for a short while, for a browser's {@code EventSource}, which
 * cannot send an {@code Authorization} header. A ticket is not a bearer token: nothing but
 * {@code GET /api/orders/{id}/events} of its own order accepts it.
 * <p>
 * A ticket is {@code base64url(order id | expiry | 16 random bytes | MAC)}, the MAC the first 16 bytes of an
 * HMAC-SHA256 over the rest, keyed with a key of its own derived from the token secret. So a ticket issued
 * by one instance opens the stream on any other, with nothing stored and nothing to share but the secret
 * every instance already has; it cannot be forged or altered without the key (128-bit MAC, plus 128 random
 * bits so no two tickets are alike). Hand-written because it is a dozen lines over the JDK's {@link Mac}: a
 * JWT library would make it look like, and risk it being taken for, an access token.
 */
@Component
public class OrderStreamTickets {

    private static final int ID = 16;
    private static final int EXPIRY = Long.BYTES;
    private static final int NONCE = 16;
    private static final int MAC = 16;
    private static final int LENGTH = ID + EXPIRY + NONCE + MAC;

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    OrderStreamTickets(@Value("${shop.security.jwt.secret}") String secret, OrderStreamProperties properties) {
        this(secret, properties.ticketTtl(), Clock.systemUTC());
    }

    OrderStreamTickets(String secret, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "shop order event stream ticket v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A ticket for the order; the caller has already been found allowed to read it. */
    public String issue(OrderId order) {
        ByteBuffer ticket = ByteBuffer.allocate(LENGTH);
        UUID id = order.value();
        ticket.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        ticket.putLong(clock.instant().plus(ttl).getEpochSecond());
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        ticket.put(nonce);
        ticket.put(mac(Arrays.copyOf(ticket.array(), LENGTH - MAC)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ticket.array());
    }

    /** How long a ticket is valid, from its issue. */
    public Duration ttl() {
        return ttl;
    }

    /** Throws {@link OrderStreamTicketInvalid} unless the ticket was issued here, is unexpired and is for the order. */
    public void check(String ticket, OrderId order) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(ticket);
        } catch (IllegalArgumentException notBase64) {
            throw new OrderStreamTicketInvalid();
        }
        if (bytes.length != LENGTH
                || !MessageDigest.isEqual(mac(Arrays.copyOf(bytes, LENGTH - MAC)),
                        Arrays.copyOfRange(bytes, LENGTH - MAC, LENGTH))) {
            throw new OrderStreamTicketInvalid();
        }
        ByteBuffer read = ByteBuffer.wrap(bytes);
        UUID id = new UUID(read.getLong(), read.getLong());
        Instant expiry = Instant.ofEpochSecond(read.getLong());
        if (!id.equals(order.value()) || !clock.instant().isBefore(expiry)) {
            throw new OrderStreamTicketInvalid();
        }
    }

    private byte[] mac(byte[] data) {
        return Arrays.copyOf(hmac(key, data), MAC);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
