package com.example.shop.shared.web;

import java.util.Currency;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI description at {@code /v3/api-docs}. Protected operations reference the
 * {@value #BEARER} scheme; public ones carry no security requirement.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerAuth";

    static {
        // document the JSON the API writes, not the Java types behind it
        SpringDocUtils.getConfig()
                .replaceWithClass(ProblemDetail.class, ProblemSchema.class)
                .replaceWithSchema(Currency.class, new StringSchema().pattern("^[A-Z]{3}$").example("EUR")
                        .description("ISO 4217 currency code"));
    }

    @Bean
    OpenAPI shopOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Shop API").version("v1")
                        .description("Modular-monolith e-commerce API with Stripe payments. Errors are RFC 9457 "
                                + "problem details (application/problem+json)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Access token from POST /api/auth/login")));
    }
}
