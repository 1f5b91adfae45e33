package com.example.shop.shared.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The whole application behind a trusted proxy (10.0.0.0/8): the client address the login throttle counts and the
 * scheme that decides HSTS come from the proxy's {@code X-Forwarded-*}, and only from the proxy.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "shop.web.trusted-proxies=10.0.0.0/8, 2001:db8:ffff::/48",
        // a small per-address allowance, so that one client trips it within a test
        "shop.security.login.per-address-attempts=5"
})
class ProxiedClientTests {

    private static final String PROXY = "10.0.0.2";
    private static final String HSTS = "Strict-Transport-Security";

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String peer) {
        return request.with(r -> {
            r.setRemoteAddr(peer);
            return r;
        });
    }

    private int failedLogin(String peer, String forwardedFor) throws Exception {
        MockHttpServletRequestBuilder login = from(post("/api/auth/login"), peer)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\",\"password\":\"wrong-password\"}");
        if (forwardedFor != null) {
            login.header("X-Forwarded-For", forwardedFor);
        }
        return mvc.perform(login).andReturn().getResponse().getStatus();
    }

    @Test
    void twoClientsBehindOneProxyDoNotLockEachOtherOut() throws Exception {
        String first = "198.51.100." + (1 + (int) (Math.random() * 100));
        String second = "203.0.113." + (1 + (int) (Math.random() * 100));
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(failedLogin(PROXY, first)).as("attempt %d", attempt).isEqualTo(401);
        }
        assertThat(failedLogin(PROXY, first)).as("the first client's sixth failure").isEqualTo(429);
        // writing another address in front of the proxy's does not help the first client ...
        assertThat(failedLogin(PROXY, "192.0.2.200, " + first)).isEqualTo(429);
        // ... and the second client behind the same proxy still gets its own five
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(failedLogin(PROXY, second)).as("second client, attempt %d", attempt).isEqualTo(401);
        }
        assertThat(failedLogin(PROXY, second)).isEqualTo(429);
    }

    @Test
    void anUntrustedPeerIsCountedByItsOwnAddressWhateverItForwards() throws Exception {
        String peer = "2001:db8:1::" + Integer.toHexString(1 + (int) (Math.random() * 60000));
        for (int attempt = 1; attempt <= 5; attempt++) {
            // a new made-up client address every time: none of them is believed
            assertThat(failedLogin(peer, "198.51.100." + attempt)).isEqualTo(401);
        }
        assertThat(failedLogin(peer, "198.51.100.99")).isEqualTo(429);
    }

    @Test
    void hstsOnlyForHttpsSaidByATrustedProxyOrServedDirectly() throws Exception {
        assertThat(mvc.perform(from(get("/api/categories"), PROXY).header("X-Forwarded-For", "198.51.100.1")
                .header("X-Forwarded-Proto", "https")).andReturn().getResponse().getHeader(HSTS))
                .as("https at a trusted proxy").startsWith("max-age=");
        assertThat(mvc.perform(from(get("/api/categories"), "2001:db8:ffff::1").header("X-Forwarded-Proto", "https"))
                .andReturn().getResponse().getHeader(HSTS)).as("https at a trusted IPv6 proxy").startsWith("max-age=");
        assertThat(mvc.perform(from(get("/api/categories"), "203.0.113.5").secure(true))
                .andReturn().getResponse().getHeader(HSTS)).as("https served directly").startsWith("max-age=");

        assertThat(mvc.perform(from(get("/api/categories"), "203.0.113.5").header("X-Forwarded-Proto", "https"))
                .andReturn().getResponse().getHeader(HSTS)).as("https claimed by an untrusted peer").isNull();
        assertThat(mvc.perform(from(get("/api/categories"), PROXY).header("X-Forwarded-For", "198.51.100.1")
                .header("X-Forwarded-Proto", "http")).andReturn().getResponse().getHeader(HSTS))
                .as("plain http at the proxy").isNull();
        assertThat(mvc.perform(from(get("/api/categories"), PROXY)).andReturn().getResponse().getHeader(HSTS))
                .as("plain http, nothing forwarded").isNull();
    }

    @Test
    void anUnreadableHeaderFromATrustedProxyIsNoError() throws Exception {
        assertThat(mvc.perform(from(get("/api/categories"), PROXY).header("X-Forwarded-For", "unknown, [::1")
                .header("X-Forwarded-Proto", "https")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
