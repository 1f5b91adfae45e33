package com.example.shop.shared.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.example.shop.shared.web.ProxyProperties.ForwardedHeader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which client a request says it comes from: the forwarding header is believed only from trusted proxies, read
 * from the right, and a header that cannot be read leaves the peer's address.
 */
class TrustedProxiesTests {

    private static final List<String> PROXIES = List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32");

    /** The request as the application behind the filter sees it. */
    private static HttpServletRequest seen(ForwardedHeader header, List<String> proxies, MockHttpServletRequest request)
            throws Exception {
        MockFilterChain chain = new MockFilterChain();
        new TrustedProxies(new ProxyProperties(proxies, header)).doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }

    private static HttpServletRequest seen(MockHttpServletRequest request) throws Exception {
        return seen(ForwardedHeader.X_FORWARDED, PROXIES, request);
    }

    private static MockHttpServletRequest from(String peer) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/products");
        request.setRemoteAddr(peer);
        request.setServerName("shop.example");
        request.setServerPort(80);
        return request;
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddressOrScheme() throws Exception {
        MockHttpServletRequest request = from("203.0.113.9");
        request.addHeader("X-Forwarded-For", "198.51.100.1");
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("Forwarded", "for=198.51.100.1;proto=https");

        HttpServletRequest seen = seen(request);
        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
        assertThat(seen.isSecure()).isFalse();
        assertThat(seen.getScheme()).isEqualTo("http");
        assertThat(seen(ForwardedHeader.FORWARDED, PROXIES, request).getRemoteAddr()).isEqualTo("203.0.113.9");
    }

    @Test
    void withoutTrustedProxiesNoHeaderIsBelievedNotEvenFromTheLoopback() throws Exception {
        MockHttpServletRequest request = from("127.0.0.1");
        request.addHeader("X-Forwarded-For", "198.51.100.1");
        request.addHeader("X-Forwarded-Proto", "https");

        HttpServletRequest seen = seen(ForwardedHeader.X_FORWARDED, List.of(), request);
        assertThat(seen).isSameAs(request);
        assertThat(seen.getRemoteAddr()).isEqualTo("127.0.0.1");
        assertThat(seen.isSecure()).isFalse();
    }

    @Test
    void behindAChainOfTrustedProxiesTheClientIsTheFirstUntrustedHopFromTheRight() throws Exception {
        MockHttpServletRequest request = from("10.0.0.2");
        // the client wrote 6.6.6.6 itself; the outer proxy appended the client's real address, the inner one its peer's
        request.addHeader("X-Forwarded-For", "6.6.6.6, 198.51.100.7");
        request.addHeader("X-Forwarded-For", "192.0.2.7");
        request.addHeader("X-Forwarded-Proto", "https");

        HttpServletRequest seen = seen(request);
        assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.7");
        assertThat(seen.getRemoteHost()).isEqualTo("198.51.100.7");
        assertThat(seen.isSecure()).isTrue();
        assertThat(seen.getScheme()).isEqualTo("https");
        assertThat(seen.getServerPort()).isEqualTo(443);
        assertThat(seen.getRequestURL()).hasToString("https://shop.example/api/products");
    }

    @Test
    void onlyTheForwardingHeaderThatIsConfiguredIsRead() throws Exception {
        MockHttpServletRequest request = from("10.0.0.2");
        request.addHeader("X-Forwarded-For", "198.51.100.1");
        request.addHeader("Forwarded", "for=198.51.100.2");

        assertThat(seen(ForwardedHeader.X_FORWARDED, PROXIES, request).getRemoteAddr()).isEqualTo("198.51.100.1");
        assertThat(seen(ForwardedHeader.FORWARDED, PROXIES, request).getRemoteAddr()).isEqualTo("198.51.100.2");
    }

    @Test
    void rfc7239ForwardedWithQuotedIpv6AndPortsAndTheClientsOwnScheme() throws Exception {
        MockHttpServletRequest request = from("2001:db8::5");
        request.addHeader("Forwarded", "for=6.6.6.6;proto=http, for=\"[2A00:1450::1]:4711\";proto=HTTPS;by=_lb, "
                + "For=\"10.0.0.1:8443\";proto=http");

        HttpServletRequest seen = seen(ForwardedHeader.FORWARDED, PROXIES, request);
        assertThat(seen.getRemoteAddr()).isEqualTo("2a00:1450:0:0:0:0:0:1");
        assertThat(seen.getScheme()).isEqualTo("https");
        assertThat(seen.isSecure()).isTrue();
    }

    @Test
    void whenEveryHopIsATrustedProxyTheLeftMostIsTheClient() throws Exception {
        MockHttpServletRequest request = from("10.0.0.2");
        request.addHeader("X-Forwarded-For", "10.1.1.1, 10.0.0.1");
        assertThat(seen(request).getRemoteAddr()).isEqualTo("10.1.1.1");
    }

    @Test
    void aTrustedProxyThatSaysOnlyTheSchemeKeepsThePeersAddress() throws Exception {
        MockHttpServletRequest request = from("10.0.0.2");
        request.addHeader("X-Forwarded-Proto", "https");

        HttpServletRequest seen = seen(request);
        assertThat(seen.getRemoteAddr()).isEqualTo("10.0.0.2");
        assertThat(seen.isSecure()).isTrue();
    }

    @Test
    void aProxysPortIsKeptAndPlainHttpStaysPlain() throws Exception {
        MockHttpServletRequest request = from("10.0.0.2");
        request.setServerPort(8443);
        request.addHeader("X-Forwarded-For", "198.51.100.1");
        request.addHeader("X-Forwarded-Proto", "https");
        assertThat(seen(request).getRequestURL()).hasToString("https://shop.example:8443/api/products");

        MockHttpServletRequest plain = from("10.0.0.2");
        plain.addHeader("X-Forwarded-For", "198.51.100.1");
        plain.addHeader("X-Forwarded-Proto", "http");
        assertThat(seen(plain).isSecure()).isFalse();
        assertThat(seen(plain).getServerPort()).isEqualTo(80);
    }

    @Test
    void aHeaderThatCannotBeReadLeavesThePeersAddress() throws Exception {
        for (String value : List.of("unknown, 10.0.0.1", "evil.example", "999.1.1.1", "198.51.100.1:port", "",
                "01.2.3.4", "[2a00:1450::1", "2a00:1450::1%eth0", "198.51.100.1, ")) {
            MockHttpServletRequest request = from("10.0.0.2");
            request.addHeader("X-Forwarded-For", value);
            request.addHeader("X-Forwarded-Proto", "https");
            HttpServletRequest seen = seen(request);
            assertThat(seen.getRemoteAddr()).as(value).isEqualTo("10.0.0.2");
            assertThat(seen.isSecure()).as(value).isFalse();
        }
        for (String value : List.of("for=unknown", "for=_hidden", "for=\"[2a00:1450::1]", "for", "proto=https",
                "for=198.51.100.1;proto=https,,", "for=\"198.51.100.1\"x")) {
            MockHttpServletRequest request = from("10.0.0.2");
            request.addHeader("Forwarded", value);
            HttpServletRequest seen = seen(ForwardedHeader.FORWARDED, PROXIES, request);
            assertThat(seen.getRemoteAddr()).as(value).isEqualTo("10.0.0.2");
            assertThat(seen.isSecure()).as(value).isFalse();
        }
    }

    @Test
    void aProxyIsConfiguredByAddressOrRangeNeverByName() {
        assertThatThrownBy(() -> new TrustedProxies(new ProxyProperties(List.of("lb.internal"), ForwardedHeader.X_FORWARDED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lb.internal");
        assertThatThrownBy(() -> new TrustedProxies(new ProxyProperties(List.of("10.0.0.0/x"), ForwardedHeader.X_FORWARDED)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
