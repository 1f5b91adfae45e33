package com.example.shop.shared.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The correlation id of a request, also when its failure is forwarded to the error page. */
class CorrelationIdTests {

    final CorrelationId filter = new CorrelationId();
    final List<String> seen = new ArrayList<>();
    final FilterChain recording = (request, response) -> seen.add(MDC.get(CorrelationId.MDC_KEY));

    @Test
    void takesASaneCallerIdAndRefusesAnInsaneOne() throws Exception {
        MockHttpServletRequest given = new MockHttpServletRequest("GET", "/api/products");
        given.addHeader(CorrelationId.HEADER, "ticket-12345");
        MockHttpServletRequest injected = new MockHttpServletRequest("GET", "/api/products");
        injected.addHeader(CorrelationId.HEADER, "x\nforged log line");

        filter.doFilter(given, new MockHttpServletResponse(), recording);
        filter.doFilter(injected, new MockHttpServletResponse(), recording);

        assertThat(seen.get(0)).isEqualTo("ticket-12345");
        assertThat(seen.get(1)).doesNotContain("forged").hasSize(36);
        assertThat(MDC.get(CorrelationId.MDC_KEY)).isNull();
    }

    @Test
    void anErrorDispatchKeepsTheIdOfTheRequestThatFailed() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/checkout");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, recording);
        request.setDispatcherType(DispatcherType.ERROR);
        filter.doFilter(request, response, recording);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(response.getHeader(CorrelationId.HEADER)).isEqualTo(seen.get(0));
    }

    @Test
    void aFreshIdIsARandomVersionFourUuidAndNeverRepeats() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = CorrelationId.newId();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.toString()).isEqualTo(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
