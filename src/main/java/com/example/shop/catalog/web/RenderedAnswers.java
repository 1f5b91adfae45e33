package com.example.shop.catalog.web;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public catalog reads' answers as bytes with their ETag, made once for each state of what they show. A listing
 * page or a product comes from the catalog's caches ({@code CatalogQueryService}); between two requests for it only
 * the available quantities may differ, and they are remembered for a second ({@code RecentAvailability}). Writing
 * twenty products with Jackson and hashing the bytes for the ETag on every request was most of such a request's own
 * work (bench/README.md); now a request that finds the cached object and the quantities it was last rendered with
 * sends the same bytes again, and answers {@code If-None-Match} with a 304 without hashing anything.
 * <p>
 * Keyed by the cached objects themselves, weakly and by identity: when an admin change drops a page or a product from
 * the catalog's caches, nothing can ask for its bytes again, and they go with it.
 */
@Component
class RenderedAnswers {

    /** What was sent for one cached object, and the quantities it showed. */
    private record Rendered(Map<UUID, Integer> available, byte[] body, String etag) {
    }

    private final Cache<Object, Rendered> rendered = Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();
    private final JsonMapper json;

    RenderedAnswers(JsonMapper json) {
        this.json = json;
    }

    /**
     * A 200 with the JSON of {@code body} for {@code source} showing {@code available}, public for a few seconds
     * ({@link ProductController#PUBLIC_SHORT}), with a strong ETag of the bytes; Spring MVC turns it into a 304
     * when {@code If-None-Match} names that ETag. {@code body} runs only when these quantities were not rendered yet.
     */
    ResponseEntity<byte[]> ok(Object source, Map<UUID, Integer> available, Supplier<?> body) {
        Rendered answer = rendered.getIfPresent(source);
        if (answer == null || !answer.available().equals(available)) {
            byte[] bytes = json.writeValueAsBytes(body.get());
            // the form ShallowEtagHeaderFilter gives: the catalog's other answers carry the same kind of ETag
            answer = new Rendered(Map.copyOf(available), bytes, "\"0" + DigestUtils.md5DigestAsHex(bytes) + "\"");
            rendered.put(source, answer);
        }
        return ResponseEntity.ok()
                .cacheControl(ProductController.PUBLIC_SHORT)
                .eTag(answer.etag())
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }
}
