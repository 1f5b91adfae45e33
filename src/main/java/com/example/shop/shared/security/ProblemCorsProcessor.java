package com.example.shop.shared.security;

import java.io.IOException;

import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

import com.example.shop.shared.web.ProblemResponseWriter;
import com.example.shop.shared.web.Problems;

/**
 * Spring's CORS checks, with the refusal as a 403 problem like every other error: {@link DefaultCorsProcessor}
 * answers a plain-text "Invalid CORS request" and offers no other way to say it than overriding its refusal. An
 * origin that is not allowed is {@code origin-not-allowed}; an allowed origin's preflight asking for a method or
 * headers the API does not take is {@code cors-not-allowed}.
 */
class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemResponseWriter writer;

    ProblemCorsProcessor(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    protected boolean handleInternal(ServerHttpRequest request, ServerHttpResponse response, CorsConfiguration config,
            boolean preFlightRequest) throws IOException {
        if (checkOrigin(config, request.getHeaders().getOrigin()) == null) {
            refuse(response, Problems.originNotAllowed());
            return false;
        }
        return super.handleInternal(request, response, config, preFlightRequest);
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        refuse(response, Problems.corsNotAllowed());
    }

    private void refuse(ServerHttpResponse response, ProblemDetail problem) throws IOException {
        writer.write(((ServletServerHttpResponse) response).getServletResponse(), problem);
    }
}
