package com.example.shop.shared.observability;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /livez} and {@code GET /readyz} on the application's port: the orchestrator's probes, the
 * liveness and readiness groups of Actuator's health ({@code management.endpoint.health.group.*}), as status and
 * nothing else. Answered here instead of by Spring Boot's additional probe paths, which go through Actuator's
 * endpoint invoker: that one checks the operation's parameters for nullness by reading their annotations
 * through reflection on every request, and a probe cost more CPU than a product page. The answer is the same
 * ({@code {"status":"UP"}}, 503 when not {@code UP}); the group is still asked each time.
 * <p>
 * Every health answer on this port is written here ({@link #overall()}, {@link #liveness()},
 * {@link #readiness()}), {@link PublicHealth}'s {@code /actuator/health} paths included.
 */
@RestController
@Tag(name = "Operations", description = "Health for clients and load balancers")
class HealthProbes {

    /** What a health answer on this port says: the status only. */
    @Schema(name = "ProbeStatus")
    record ProbeStatus(@Schema(example = "UP", description = "UP, DOWN or OUT_OF_SERVICE") String status) {
    }

    private final HealthEndpoint health;

    HealthProbes(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping(path = "/livez", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Liveness probe: whether the instance runs",
            description = "The application's own state only, never the database (the liveness group).")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`",
            content = @Content(schema = @Schema(implementation = ProbeStatus.class)))
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProbeStatus.class)))
    ResponseEntity<byte[]> liveness() {
        return answer(Objects.requireNonNull(health.healthForPath("liveness")));
    }

    @GetMapping(path = "/readyz", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Readiness probe: whether the instance should get traffic",
            description = "The application's state and the database (the readiness group).")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`",
            content = @Content(schema = @Schema(implementation = ProbeStatus.class)))
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}`, or `OUT_OF_SERVICE` while stopping",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProbeStatus.class)))
    ResponseEntity<byte[]> readiness() {
        return answer(Objects.requireNonNull(health.healthForPath("readiness")));
    }

    /** The overall status, every indicator's ({@code /actuator/health}, mapped by {@link PublicHealth}). */
    ResponseEntity<byte[]> overall() {
        return answer(health.health());
    }

    /** The status as bytes: a status code is a plain word, so no JSON writer is needed for it. */
    private static ResponseEntity<byte[]> answer(HealthDescriptor descriptor) {
        Status status = descriptor.getStatus();
        HttpStatus code = Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON)
                .body(("{\"status\":\"" + status.getCode() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
