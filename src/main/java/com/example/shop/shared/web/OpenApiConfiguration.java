package com.example.shop.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}. Protected operations reference the
 * {@value #BEARER} scheme; public ones carry no security requirement.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerAuth";

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
