package com.example.shop.shared.observability;

import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /actuator/health} and its {@code /liveness} and {@code /readiness} groups on the application's
 * port, where clients, load balancers and scripts have always found them (the API contract), although Actuator
 * itself listens on the management port: the status and nothing else ({@code {"status":"UP"}}, 503 when it is
 * not {@code UP}), as Actuator answers them with details hidden. The same probes are also {@code /livez} and
 * {@code /readyz} on this port ({@link HealthProbes}). Only when the management port differs; on the same
 * port Actuator answers itself.
 */
@RestController
@Tag(name = "Operations", description = "Health for clients and load balancers")
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicHealth {

    private final HealthEndpoint health;

    PublicHealth(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/actuator/health")
    @Operation(summary = "Whether the API can serve requests",
            description = "The overall status and nothing else (`UP`, or `DOWN` when the database cannot be reached)."
                    + " The probes are `/livez` and `/readyz`; Actuator itself listens on the management port.")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`")
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}` (or `OUT_OF_SERVICE` while stopping)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = HealthProbes.ProbeStatus.class)))
    ResponseEntity<Map<String, String>> health() {
        return answer(health.health());
    }

    @GetMapping("/actuator/health/liveness")
    @Operation(summary = "Liveness probe: whether the instance runs",
            description = "The application's own state only, never the database. The same as `/livez`.")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`")
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = HealthProbes.ProbeStatus.class)))
    ResponseEntity<Map<String, String>> liveness() {
        return answer(Objects.requireNonNull(health.healthForPath("liveness")));
    }

    @GetMapping("/actuator/health/readiness")
    @Operation(summary = "Readiness probe: whether the instance should get traffic",
            description = "The application's state and the database. The same as `/readyz`.")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`")
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}`, or `OUT_OF_SERVICE` while stopping",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = HealthProbes.ProbeStatus.class)))
    ResponseEntity<Map<String, String>> readiness() {
        return answer(Objects.requireNonNull(health.healthForPath("readiness")));
    }

    private static ResponseEntity<Map<String, String>> answer(HealthDescriptor descriptor) {
        Status status = descriptor.getStatus();
        HttpStatus code = Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(code).body(Map.of("status", status.getCode()));
    }
}
