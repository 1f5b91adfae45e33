package com.example.shop.catalog.internal;

/**
 * What an uploaded file is, by its bytes alone: JPEG, PNG or WebP, its width and height from the header, and
 * whether it is complete. Nothing is decoded: a decompression bomb (a small file declaring huge dimensions) is
 * refused from its header, before any decoder could allocate its pixels.
 * <p>
 * Hand-written on purpose: the JDK's ImageIO reads no WebP and hides where it allocates, and a detection
 * library (Tika) would be a large dependency for three magic numbers and three header layouts.
 */
final class ImageProbe {

    private ImageProbe() {
    }

    /** A recognised image: its media type and dimensions. */
    record Probed(String contentType, String extension, int width, int height) {
    }

    /**
     * @throws UnsupportedImage the bytes are none of the accepted types (415)
     * @throws InvalidField     the bytes start like an accepted type but are not a usable image of it (400)
     */
    static Probed probe(byte[] b, long maxPixels) {
        Probed probed;
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            probed = png(b);
        } else if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            probed = jpeg(b);
        } else if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            probed = webp(b);
        } else {
            throw new UnsupportedImage();
        }
        if (probed.width() < 1 || probed.height() < 1) {
            throw broken("the image declares no width or height");
        }
        if ((long) probed.width() * probed.height() > maxPixels) {
            throw broken("the image declares " + probed.width() + " x " + probed.height()
                    + " pixels, more than the " + maxPixels + " accepted");
        }
        return probed;
    }

    /** PNG: the IHDR chunk comes first; a complete file ends with the IEND chunk. */
    private static Probed png(byte[] b) {
        if (b.length < 33 || !startsWith(b, 12, 'I', 'H', 'D', 'R')) {
            throw broken("the PNG header is incomplete");
        }
        if (!startsWith(b, b.length - 12, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82)) {
            throw broken("the PNG file is truncated (no IEND chunk at its end)");
        }
        return new Probed("image/png", "png", int32(b, 16), int32(b, 20));
    }

    /** JPEG: segments up to the first start-of-frame, which holds the dimensions; a complete file ends with EOI. */
    private static Probed jpeg(byte[] b) {
        if (b.length < 4 || (b[b.length - 2] & 0xFF) != 0xFF || (b[b.length - 1] & 0xFF) != 0xD9) {
            throw broken("the JPEG file is truncated (no end-of-image marker)");
        }
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw broken("the JPEG file has a broken segment");
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            int length = uint16(b, i + 2);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                if (i + 9 > b.length) {
                    break;
                }
                return new Probed("image/jpeg", "jpg", uint16(b, i + 7), uint16(b, i + 5));
            }
            if (length < 2) {
                throw broken("the JPEG file has a broken segment");
            }
            i += 2 + length;
        }
        throw broken("the JPEG file has no frame header");
    }

    /** WebP: a RIFF file whose declared size must match; the first chunk (VP8X, VP8L or VP8) holds the size. */
    private static Probed webp(byte[] b) {
        if (b.length < 30) {
            throw broken("the WebP header is incomplete");
        }
        long riffSize = int32le(b, 4) & 0xFFFFFFFFL;
        if (riffSize + 8 > b.length) {
            throw broken("the WebP file is truncated (shorter than its RIFF size)");
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'X')) {
            return new Probed("image/webp", "webp", 1 + uint24le(b, 24), 1 + uint24le(b, 27));
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'L')) {
            if ((b[20] & 0xFF) != 0x2F) {
                throw broken("the WebP lossless header is broken");
            }
            int bits = int32le(b, 21);
            return new Probed("image/webp", "webp", 1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF));
        }
        if (startsWith(b, 12, 'V', 'P', '8', ' ')) {
            if (!startsWith(b, 23, 0x9D, 0x01, 0x2A)) {
                throw broken("the WebP lossy header is broken");
            }
            return new Probed("image/webp", "webp", uint16le(b, 26) & 0x3FFF, uint16le(b, 28) & 0x3FFF);
        }
        throw broken("the WebP file has no image chunk");
    }

    private static InvalidField broken(String reason) {
        return new InvalidField("file", "not a usable image: " + reason);
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (offset < 0 || offset + expected.length > b.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static int uint16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int int32le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    private static int uint24le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
    }

    private static int uint16le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }
}
