package com.example.shop.catalog.internal;

import java.util.Optional;

/**
 * Where image bytes live, by key. One small interface so that an object store can replace the filesystem
 * without the catalog noticing; a key is written once and never changed (an image's URL is immutable).
 */
public interface ImageStorage {

    /** Stores the bytes under a new key; on failure nothing is left behind. */
    void put(String key, byte[] bytes);

    Optional<byte[]> get(String key);

    /** Removes the bytes; a key that is not there is not an error. */
    void delete(String key);
}
