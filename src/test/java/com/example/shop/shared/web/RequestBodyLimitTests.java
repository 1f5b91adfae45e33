package com.example.shop.shared.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body cap without a declared length: chunked bodies are counted, requests without a body go on unwrapped. */
class RequestBodyLimitTests {

    final RequestBodyLimit limit = new RequestBodyLimit(DataSize.ofBytes(10), new ProblemResponseWriter(JsonMapper.builder().build()));

    @Test
    void aChunkedBodyOverTheCapFailsWhileItIsRead() throws Exception {
        MockHttpServletRequest request = undeclared("POST", "x".repeat(20));
        request.addHeader("Transfer-Encoding", "chunked");
        MockFilterChain chain = new MockFilterChain();

        limit.doFilter(request, new MockHttpServletResponse(), chain);

        ServletRequest passedOn = chain.getRequest();
        assertThatThrownBy(() -> passedOn.getInputStream().readAllBytes()).isInstanceOf(RequestBodyLimit.TooLarge.class);
    }

    @Test
    void aRequestWithoutLengthOrChunksHasNoBodyAndIsPassedOnAsItCame() throws Exception {
        MockHttpServletRequest request = undeclared("GET", "");
        MockFilterChain chain = new MockFilterChain();

        limit.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    /** A request whose length is not declared, as Tomcat reports a chunked one or one without a body. */
    private static MockHttpServletRequest undeclared(String method, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/anything") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setProtocol("HTTP/1.1");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
