package com.example.shop.catalog.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@link ImageStorage} in a directory ({@code shop.catalog.images.dir}). A file is written under a temporary
 * name and moved into place, so a reader never sees half an image and a failed write leaves no file.
 */
@Component
class FilesystemImageStorage implements ImageStorage {

    private static final Pattern KEY = Pattern.compile("^[a-f0-9-]{36}\\.(jpg|png|webp)$");

    private final Path dir;

    FilesystemImageStorage(@Value("${shop.catalog.images.dir:data/images}") Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] bytes) {
        Path target = path(key);
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            temporary = Files.createTempFile(dir, ".upload-", ".part");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the write failed already; that failure is the one to report
                }
            }
            throw new UncheckedIOException("Could not store image " + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read image " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete image " + key, e);
        }
    }

    /** Keys are made by the catalog (a UUID and an extension); anything else never reaches the filesystem. */
    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not an image key: " + key);
        }
        return dir.resolve(key);
    }
}
