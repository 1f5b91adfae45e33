package com.example.shop.catalog.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.internal.CatalogImageService;
import com.example.shop.testsupport.CatalogFixtures;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Product images over HTTP on the real database and the filesystem storage: upload, serve, delete, refuse. */
@IntegrationTest
class ProductImagesHttpTests {

    static final String ADMIN = Tokens.admin();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${shop.catalog.images.dir}")
    Path dir;

    @Autowired
    CatalogImageService images;

    @Autowired
    TransactionTemplate transactions;

    static byte[] encoded(String format, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xCC3300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A tiny, complete PNG whose header declares {@code width} x {@code height}: a decompression bomb when huge. */
    static byte[] pngDeclaring(int width, int height) throws Exception {
        byte[] png = encoded("png", 1, 1);
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }

    /** A lossless WebP header of {@code width} x {@code height} (the type is read from the header only). */
    static byte[] webp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(22).put("WEBP".getBytes()).put("VP8L".getBytes()).putInt(10)
                .put((byte) 0x2F).putInt((width - 1) | (height - 1) << 14).put(new byte[5]);
        return b.array();
    }

    String product() throws Exception {
        return new CatalogFixtures(mvc).product("Pictured " + UUID.randomUUID(), 1200, 3).toString();
    }

    ResultActions upload(String product, MockMultipartFile file, String alt) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/admin/products/{id}/images", product);
        if (file != null) {
            request.file(file);
        }
        if (alt != null) {
            request.param("alt", alt);
        }
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, ADMIN));
    }

    long files() throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var list = Files.list(dir)) {
            return list.count();
        }
    }

    int rows(String product) {
        return jdbc.queryForObject("select count(*) from catalog_product_image where product_id = unhex(replace(?, '-', ''))",
                Integer.class, product);
    }

    @Test
    void anImageMakesTheRoundTripAndIsDeletedWithItsBytes() throws Exception {
        String product = product();
        byte[] png = encoded("png", 3, 2);
        // the name and the declared type say text: the bytes decide
        String body = upload(product, new MockMultipartFile("file", "notes.txt", "text/plain", png), "A red dot")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/png"))
                .andExpect(jsonPath("$.width").value(3))
                .andExpect(jsonPath("$.height").value(2))
                .andExpect(jsonPath("$.bytes").value(png.length))
                .andReturn().getResponse().getContentAsString();
        String url = JsonPath.read(body, "$.url");
        String id = JsonPath.read(body, "$.id");
        upload(product, new MockMultipartFile("file", "b.jpg", "image/jpeg", encoded("jpg", 4, 5)), null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/jpeg"))
                .andExpect(jsonPath("$.width").value(4)).andExpect(jsonPath("$.height").value(5))
                .andExpect(jsonPath("$.position").value(1));
        upload(product, new MockMultipartFile("file", "c", null, webp(640, 480)), null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/webp"))
                .andExpect(jsonPath("$.width").value(640)).andExpect(jsonPath("$.height").value(480));

        mvc.perform(get("/api/products/{id}", product)).andExpect(status().isOk())
                .andExpect(jsonPath("$.images", hasSize(3)))
                .andExpect(jsonPath("$.images[0].url").value(url))
                .andExpect(jsonPath("$.images[0].alt").value("A red dot"))
                .andExpect(jsonPath("$.images[0].position").value(0))
                .andExpect(jsonPath("$.imageUrl").value(url));
        String etag = mvc.perform(get(url)).andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(content().bytes(png))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("max-age=31536000")))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("immutable")))
                .andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        assertThat(etag).isNotBlank();
        mvc.perform(get(url).header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isNotModified());
        Path stored = dir.resolve(url.substring(url.lastIndexOf('/') + 1));
        assertThat(stored).exists();

        mvc.perform(delete("/api/admin/products/{id}/images/{image}", product, id).header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(status().isNoContent());

        assertThat(stored).doesNotExist();
        mvc.perform(get(url)).andExpect(status().isNotFound());
        mvc.perform(get("/api/products/{id}", product))
                .andExpect(jsonPath("$.images", hasSize(2)))
                .andExpect(jsonPath("$.images[0].position").value(0));
        mvc.perform(delete("/api/admin/products/{id}/images/{image}", product, id).header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(status().isNotFound());
    }

    @Test
    void badUploadsAreRefusedNamingTheFileAndLeaveNothingBehind() throws Exception {
        String product = product();
        long before = files();
        byte[] png = encoded("png", 2, 2);

        upload(product, null, null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        upload(product, new MockMultipartFile("file", "e.png", "image/png", new byte[0]), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        upload(product, new MockMultipartFile("file", "fake.png", "image/png", "GIF89a, or just text".getBytes()), null)
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        upload(product, new MockMultipartFile("file", "cut.png", "image/png", Arrays.copyOf(png, png.length - 16)), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.detail", containsString("truncated")));
        byte[] jpeg = encoded("jpg", 8, 8);
        upload(product, new MockMultipartFile("file", "cut.jpg", "image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2)), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        byte[] bomb = pngDeclaring(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);
        upload(product, new MockMultipartFile("file", "bomb.png", "image/png", bomb), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.detail", containsString("100000 x 100000")));
        upload(product, new MockMultipartFile("file", "bomb.webp", "image/webp", webp(16_384, 16_384)), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        byte[] huge = Arrays.copyOf(png, 5 * 1024 * 1024 + 1);
        upload(product, new MockMultipartFile("file", "huge.png", "image/png", huge), null)
                .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.errors[0].field").value("file"));
        upload(product, new MockMultipartFile("file", "ok.png", "image/png", png), "x".repeat(301))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("alt"));
        upload(UUID.randomUUID().toString(), new MockMultipartFile("file", "ok.png", "image/png", png), null)
                .andExpect(status().isNotFound());

        assertThat(files()).isEqualTo(before);
        assertThat(rows(product)).isZero();
    }

    @Test
    void anUploadWhoseBytesCannotBeStoredLeavesNoRow() throws Exception {
        String product = product();
        // the storage directory becomes a plain file: writing into it fails
        Path moved = dir.resolveSibling(dir.getFileName() + "-aside");
        Files.createDirectories(dir);
        Files.move(dir, moved);
        Files.writeString(dir, "not a directory");
        try {
            upload(product, new MockMultipartFile("file", "ok.png", "image/png", encoded("png", 2, 2)), null)
                    .andExpect(status().is5xxServerError());
        } finally {
            Files.delete(dir);
            Files.move(moved, dir);
        }
        assertThat(rows(product)).isZero();
    }

    @Test
    void anUploadWhoseTransactionRollsBackAfterStoringLeavesNoFile() throws Exception {
        String product = product();
        long before = files();
        byte[] png = encoded("png", 2, 2);

        transactions.executeWithoutResult(tx -> {
            images.upload(new ProductId(UUID.fromString(product)), png, null);
            tx.setRollbackOnly(); // whatever fails after the bytes were stored
        });

        assertThat(rows(product)).isZero();
        assertThat(files()).isEqualTo(before);
    }
}
