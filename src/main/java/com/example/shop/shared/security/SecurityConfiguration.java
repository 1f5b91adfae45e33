package com.example.shop.shared.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import jakarta.servlet.Filter;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.CorsEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import com.example.shop.shared.web.ProblemResponseWriter;
import com.example.shop.shared.web.Problems;

/**
 * The one place that says which routes are public, which need a customer and which need an admin.
 * Stateless: every request carries a JWT bearer token (HMAC-SHA256, key from the environment), whose
 * {@code roles} claim becomes {@code ROLE_*} authorities. Whatever is not listed needs authentication.
 * <p>
 * Actuator has a port of its own ({@code management.server.port}), reachable from the cluster's network only
 * (docs/operations.md): there every endpoint is open, so that Prometheus and the orchestrator's probes need no
 * token. Should an operator put Actuator back on the application's port, its endpoints other than health need
 * an administrator again.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfiguration {

    /**
     * The storefront's public reads: the catalog, its images and the payment configuration; and the health answers
     * and probes on this port. They need no identity, so their chain reads no token (see {@link #publicReads}).
     */
    private static final RequestMatcher PUBLIC_READS = new OrRequestMatcher(
            Stream.of("/api/products", "/api/products/**", "/api/categories", "/api/categories/**", "/api/images/**",
                    "/api/payments/config", "/livez", "/readyz", "/actuator/health", "/actuator/health/liveness",
                    "/actuator/health/readiness")
                    .map(path -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path))
                    .toArray(RequestMatcher[]::new));

    /** {@code GET /api/orders/{id}/events?ticket=...}. */
    private static final RequestMatcher ORDER_EVENTS_WITH_TICKET = new AndRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/orders/*/events"),
            request -> request.getParameter("ticket") != null);

    /**
     * Actuator's endpoints; on a port of their own this chain only ever handles requests to that port. Only paths
     * under Actuator's base path are asked whether they are an endpoint: {@link EndpointRequest}'s matcher looks up
     * a class through the class loader (a lock shared by every request thread) to learn which server a request
     * came to, and every request meets this chain first.
     */
    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http, Environment environment, AuthenticationEntryPoint entryPoint,
            AccessDeniedHandler denied, ProblemResponseWriter writer) throws Exception {
        boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        RequestMatcher endpoints = basePath.isEmpty() || "/".equals(basePath) ? EndpointRequest.toAnyEndpoint()
                : new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(basePath + "/**"),
                        EndpointRequest.toAnyEndpoint());
        statelessWithBearerTokens(http.securityMatcher(endpoints), entryPoint, denied);
        corsAnsweredWithProblems(http, actuatorCors(environment, basePath), writer)
                .authorizeHttpRequests(routes -> {
                    if (ownPort) {
                        routes.anyRequest().permitAll();
                    } else {
                        routes.requestMatchers(EndpointRequest.to("health")).permitAll().anyRequest().hasRole("ADMIN");
                    }
                });
        return http.build();
    }

    /**
     * The public reads, which are most of the traffic: the security headers and CORS as on every route, and nothing
     * that only matters where an identity does. No bearer token is read (a stale or broken one a browser still sends
     * does not stop anyone browsing), and there is no security context, session or request cache: each of those is
     * work on every request, and here it would never change the answer, which is "anyone may". For the same reason
     * the chain drops the filter that hands the security context to asynchronous request processing (there is no
     * context, and these reads are not asynchronous): what remains is the firewall, the headers, CORS and the one
     * rule.
     */
    @Bean
    @Order(2)
    SecurityFilterChain publicReads(HttpSecurity http, CorsConfigurationSource corsConfigurationSource,
            ProblemResponseWriter writer)
            throws Exception {
        http.securityMatcher(PUBLIC_READS)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        // the one rule is also what Security's privilege evaluator answers for these paths ("anyone may"), which the
        // API description's check relies on (OpenApiCompletenessTests)
        corsAnsweredWithProblems(http, corsConfigurationSource, writer)
                .authorizeHttpRequests(routes -> routes.anyRequest().permitAll());
        List<Filter> filters = http.build().getFilters().stream()
                .filter(filter -> !(filter instanceof WebAsyncManagerIntegrationFilter))
                .toList();
        return new DefaultSecurityFilterChain(PUBLIC_READS, filters);
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, AuthenticationEntryPoint entryPoint, AccessDeniedHandler denied,
            CorsConfigurationSource corsConfigurationSource, ProblemResponseWriter writer) throws Exception {
        statelessWithBearerTokens(http, entryPoint, denied);
        corsAnsweredWithProblems(http, corsConfigurationSource, writer)
                .authorizeHttpRequests(routes -> routes
                        // (the catalog's, the images', the payment configuration's and the health answers' GETs:
                        // their own chain, above)
                        // operations and documentation: the rest of Actuator listens on the management port, and
                        // is a 401, or a 404 for an admin, here
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        // customers
                        .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/api/auth/password-reset", "/api/auth/password-reset/confirm")
                        .permitAll()
                        // cart: an anonymous cart's id is the capability to use it
                        .requestMatchers("/api/carts/mine", "/api/carts/mine/**").authenticated()
                        .requestMatchers("/api/carts", "/api/carts/**").permitAll()
                        // checkout: the shipping methods a storefront offers for a country (and an anonymous cart)
                        .requestMatchers(HttpMethod.GET, "/api/shipping-methods").permitAll()
                        // guest checkout: an anonymous cart with an e-mail; a guest order opens with its access
                        // key (Order-Access-Key), which orders checks (without either, orders answers 401)
                        .requestMatchers(HttpMethod.POST, "/api/checkout", "/api/checkout/quote").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/orders/{id}", "/api/orders/{id}/payment").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/orders/{id}/cancel", "/api/orders/{id}/events/ticket")
                        .permitAll()
                        // payments: Stripe proves itself by the webhook signature
                        .requestMatchers(HttpMethod.POST, "/api/payments/stripe/webhook").permitAll()
                        // orders: a browser's EventSource opens an order's event stream with a ticket instead of a
                        // token (it cannot send headers); the controller checks the ticket. Only that GET, and only
                        // when it carries a ticket: without one it needs a token like every other order route
                        .requestMatchers(ORDER_EVENTS_WITH_TICKET).permitAll()
                        // administration
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Spring's CORS filter, but a refused request (a disallowed origin, or a preflight for a method or headers that
     * are not allowed) answers a 403 problem ({@link ProblemCorsProcessor}) instead of a plain-text "Invalid CORS
     * request". Security's own {@code cors()} cannot take another processor, so it is switched off (it would also
     * be applied by default) and the filter is added at its place.
     */
    private static HttpSecurity corsAnsweredWithProblems(HttpSecurity http, CorsConfigurationSource source,
            ProblemResponseWriter writer) throws Exception {
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(writer));
        return http.cors(AbstractHttpConfigurer::disable).addFilter(filter);
    }

    /**
     * Actuator's own CORS settings ({@code management.endpoints.web.cors.*}, none by default: no origin is
     * allowed), checked here so that a refused origin gets the same problem as on the API; Actuator's handler
     * mapping then leaves an allowed request's headers as they are.
     */
    private static CorsConfigurationSource actuatorCors(Environment environment, String basePath) {
        CorsConfiguration actuator = Binder.get(environment)
                .bind("management.endpoints.web.cors", CorsEndpointProperties.class)
                .orElseGet(CorsEndpointProperties::new)
                .toCorsConfiguration();
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (actuator != null) {
            source.registerCorsConfiguration(basePath.isEmpty() || "/".equals(basePath) ? "/**" : basePath + "/**",
                    actuator);
        }
        return source;
    }

    /** No session, no form or basic login, no CSRF (no cookies); a JWT bearer token, failures as problems. */
    private static HttpSecurity statelessWithBearerTokens(HttpSecurity http, AuthenticationEntryPoint entryPoint,
            AccessDeniedHandler denied) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // nothing calls request.getUserPrincipal()/isUserInRole()/login(): the code asks CurrentCustomer, so
                // the request is not wrapped once more for them (every wrapper costs each later getAttribute, ...)
                .servletApi(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
    }

    /**
     * Spring Security's own observations are off ({@code management.observations.enable.spring.security=false}):
     * without this, every filter of the chain, the authentication and the authorization would still be wrapped
     * in an observation that the predicate then drops, on every request (about a tenth of a public GET's CPU in
     * the benchmark's profile). The request's {@code http.server.requests} observation is not affected.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationEntryPoint problemEntryPoint(ProblemResponseWriter writer) {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            writer.write(response, Problems.unauthorized());
        };
    }

    @Bean
    AccessDeniedHandler problemAccessDenied(ProblemResponseWriter writer) {
        return (request, response, exception) -> writer.write(response, Problems.forbidden());
    }

    @Bean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(properties.key())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // the issuer is a name, not a URL: the default claim converter would try to make it a URL first and fall back
        // to the string only after an exception with its stack trace, on every request that carries a token
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                // the timestamp validator lets a token without exp through: it would never expire
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }

    @Bean
    JwtEncoder jwtEncoder(JwtProperties properties) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(properties.key()));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
                "Order-Access-Key", HttpHeaders.IF_NONE_MATCH, "X-Request-Id"));
        cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER, "X-Request-Id"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }

    private static JwtAuthenticationConverter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
