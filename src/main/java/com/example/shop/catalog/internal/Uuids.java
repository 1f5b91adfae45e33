package com.example.shop.catalog.internal;

import java.nio.ByteBuffer;
import java.util.UUID;

/** UUIDs as the BINARY(16) the tables store (same byte order as Hibernate's MySQL mapping). */
final class Uuids {

    private Uuids() {
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
