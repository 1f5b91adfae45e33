package com.example.shop.shared.web;

import java.util.Currency;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}. Protected operations reference the
 * {@value #BEARER} scheme; public ones carry no security requirement. Controllers document their error
 * responses by status and description only: every 4xx and 5xx is a {@link ProblemSchema problem}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerAuth";

    static final String EVENT_TICKET = "eventTicket";

    private static final String PROBLEM_JSON = "application/problem+json";

    /** The tag of the health answers (shared/observability): a 503 there is a status, not a problem. */
    static final String HEALTH_TAG = "Operations";

    static {
        // document a currency as the JSON the API writes, not as java.util.Currency
        SpringDocUtils.getConfig().replaceWithSchema(Currency.class, new StringSchema().pattern("^[A-Z]{3}$")
                .example("EUR").description("ISO 4217 currency code"));
    }

    @Bean
    OpenAPI shopOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Shop API").version("v1")
                        .description("Modular-monolith e-commerce API with Stripe payments. Errors are RFC 9457 "
                                + "problem details (application/problem+json)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Access token from POST /api/auth/login: a JWT signed with HS256 only, with issuer, "
                                + "subject and expiry, checked as RFC8725 advises (the algorithm is fixed, never "
                                + "taken from the token)"))
                        .addSecuritySchemes(EVENT_TICKET, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.QUERY).name("ticket")
                                .description("Short-lived ticket from POST /api/orders/{id}/events/ticket; opens "
                                        + "that order's event stream only (a browser's EventSource cannot send "
                                        + "a header)")));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            ApiDescriptionRules.rolesAndPatterns(openApi);
            ModelConverters.getInstance().readAll(ProblemSchema.class).forEach(openApi.getComponents()::addSchemas);
            Content problem = new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    operation.getResponses().forEach((status, response) -> {
                        // the health answers' 503 is their status ({"status":"DOWN"}), as their 200 is
                        boolean health = status.equals("503") && operation.getTags() != null
                                && operation.getTags().contains(HEALTH_TAG);
                        if ((status.startsWith("4") || status.startsWith("5")) && !health) {
                            response.setContent(problem);
                        }
                    })));
        };
    }
}
