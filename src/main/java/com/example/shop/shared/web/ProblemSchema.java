package com.example.shop.shared.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How every error looks in the OpenAPI description: {@link org.springframework.http.ProblemDetail} as this
 * API writes it (RFC 9457 plus {@code errors} and {@code correlationId}). Documentation only; see
 * {@link OpenApiConfiguration}.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json). Some problems add "
        + "fields of their own, e.g. the products that are short for insufficient-stock.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
record ProblemSchema(
        @Schema(description = "Stable problem type to switch on", example = "https://shop.example/problems/validation",
                requiredMode = Schema.RequiredMode.REQUIRED) URI type,
        @Schema(description = "Short summary of the problem type", example = "Invalid request",
                requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(description = "HTTP status code", example = "400", requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(description = "What went wrong with this request", example = "The request has 1 invalid field(s).")
        String detail,
        @Schema(description = "The request path", example = "/api/auth/register") String instance,
        @Schema(description = "Validation problems only: one entry per invalid field") List<Problems.FieldError> errors,
        @Schema(description = "Unexpected errors (5xx) only: quote it to support; it is in the server's log lines",
                example = "6f1c2a0e-8d7b-4b1e-9a57-3c2b1d0e9f11") String correlationId) {

}
