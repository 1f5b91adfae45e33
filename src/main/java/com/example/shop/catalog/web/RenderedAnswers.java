package com.example.shop.catalog.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;
import org.springframework.web.context.request.ServletWebRequest;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public catalog reads' answers as bytes with their ETag, made once for each state of what they show. A listing
 * page, a product or the category tree comes from the catalog's caches ({@code CatalogQueryService}); between two requests for it only
 * the available quantities may differ, and they are remembered for a second ({@code RecentAvailability}). Writing
 * twenty products with Jackson and hashing the bytes for the ETag on every request was most of such a request's own
 * work (bench/README.md); now a request that finds the cached object and the quantities it was last rendered with
 * sends the same bytes again, and answers {@code If-None-Match} with a 304 without hashing anything.
 * <p>
 * Keyed by the cached objects themselves, weakly and by identity: when an admin change drops a page, a product or the tree from
 * the catalog's caches, nothing can ask for its bytes again, and they go with it.
 */
@Component
class RenderedAnswers {

    /** What was sent for one cached object, and the quantities it showed. */
    private record Rendered(Map<UUID, Integer> available, byte[] body, String etag) {
    }

    private final Cache<Object, Rendered> rendered = Caffeine.newBuilder().weakKeys().maximumSize(20_000)
            .executor(Runnable::run) // upkeep on the reading thread, as the catalog's caches (CatalogConfiguration)
            .build();
    private final JsonMapper json;

    RenderedAnswers(JsonMapper json) {
        this.json = json;
    }

    /**
     * Writes a 200 with the JSON of {@code body} for {@code source} showing {@code available}, public for
     * {@code cacheControl}, with a strong ETag of the bytes, or a 304 without a body when {@code If-None-Match} names
     * that ETag. {@code body} runs only when these quantities were not rendered yet.
     * <p>
     * Written to the servlet response here, not returned as a {@code ResponseEntity}: for bytes that are ready,
     * Spring MVC's return value handling (choosing a handler among fifteen by the method's generic return type,
     * copying the entity's headers, content negotiation for a body that is already JSON) cost about a tenth of a
     * cached page's CPU (bench/README.md). The answer is the same: status, {@code Cache-Control}, {@code ETag},
     * {@code Content-Type}, {@code Content-Length} and the body, and the 304 is decided by Spring's own
     * {@link ServletWebRequest#checkNotModified(String)}.
     */
    void write(HttpServletRequest request, HttpServletResponse response, Object source, Map<UUID, Integer> available,
            String cacheControl, Supplier<?> body) throws IOException {
        Rendered answer = rendered.getIfPresent(source);
        if (answer == null || !answer.available().equals(available)) {
            byte[] bytes = json.writeValueAsBytes(body.get());
            // the form ShallowEtagHeaderFilter gives: the catalog's other answers carry the same kind of ETag
            answer = new Rendered(Map.copyOf(available), bytes, "\"0" + DigestUtils.md5DigestAsHex(bytes) + "\"");
            rendered.put(source, answer);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (new ServletWebRequest(request, response).checkNotModified(answer.etag())) {
            return; // a 304 with the ETag
        }
        response.setHeader(HttpHeaders.ETAG, answer.etag());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
