package com.example.shop.orders.web;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the OpenAPI description tells that an operation also serves guests: a guest order's operations accept the
 * {@code Order-Access-Key} header (the security scheme {@code orderAccessKey}) as an alternative to the bearer
 * token, and checkout and its quote accept no credentials at all (an empty security requirement) for a guest
 * with an e-mail. springdoc's annotations cannot write the empty requirement, so it is added here.
 */
@Configuration(proxyBeanMethods = false)
class GuestAccessDocumentation {

    static final String ORDER_ACCESS_KEY = "orderAccessKey";

    @Bean
    OpenApiCustomizer orderAccessKeyScheme() {
        return openApi -> openApi.getComponents().addSecuritySchemes(ORDER_ACCESS_KEY, new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(OrderController.ACCESS_KEY)
                .description("A guest order's access key: the `orderAccessKey` of its checkout. Opens that order "
                        + "only; a wrong key is a 404."));
    }

    @Bean
    OperationCustomizer guestsNeedNoCredentials() {
        return (operation, handler) -> {
            if (handler.getBeanType() == CheckoutController.class
                    && (handler.getMethod().getName().equals("checkout") || handler.getMethod().getName().equals("quote"))) {
                operation.addSecurityItem(new SecurityRequirement());
            }
            return operation;
        };
    }
}
