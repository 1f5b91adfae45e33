package com.example.shop.shared.persistence;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * UUIDs as the {@code BINARY(16)} columns hold them, for the statements written in plain JDBC: the same byte order
 * as Hibernate's MySQL mapping of the entities' ids (most significant long first), so a row written by either is
 * read by the other.
 */
public final class BinaryUuids {

    private BinaryUuids() {
    }

    public static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    public static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
