package com.example.shop.shared.observability;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.shared.observability.HealthProbes.ProbeStatus;

/**
 * {@code GET /actuator/health} and its {@code /liveness} and {@code /readiness} groups on the application's
 * port, where clients, load balancers and scripts have always found them (the API contract), although Actuator
 * itself listens on the management port: the status and nothing else ({@code {"status":"UP"}}, 503 when it is
 * not {@code UP}), as Actuator answers them with details hidden. Only the paths live here, and only when the
 * management port differs (on the same port Actuator answers itself); the answers are {@link HealthProbes}'s,
 * the same as {@code /livez} and {@code /readyz}.
 */
@RestController
@Tag(name = "Operations", description = "Health for clients and load balancers")
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicHealth {

    private final HealthProbes probes;

    PublicHealth(HealthProbes probes) {
        this.probes = probes;
    }

    @GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Whether the API can serve requests",
            description = "The overall status and nothing else (`UP`, or `DOWN` when the database cannot be reached)."
                    + " The probes are `/livez` and `/readyz`; Actuator itself listens on the management port.")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`",
            content = @Content(schema = @Schema(implementation = ProbeStatus.class)))
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}` (or `OUT_OF_SERVICE` while stopping)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProbeStatus.class)))
    ResponseEntity<byte[]> health() {
        return probes.overall();
    }

    @GetMapping(path = "/actuator/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Liveness probe: whether the instance runs",
            description = "The application's own state only, never the database. The same as `/livez`.")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`",
            content = @Content(schema = @Schema(implementation = ProbeStatus.class)))
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProbeStatus.class)))
    ResponseEntity<byte[]> liveness() {
        return probes.liveness();
    }

    @GetMapping(path = "/actuator/health/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Readiness probe: whether the instance should get traffic",
            description = "The application's state and the database. The same as `/readyz`.")
    @ApiResponse(responseCode = "200", description = "`{\"status\":\"UP\"}`",
            content = @Content(schema = @Schema(implementation = ProbeStatus.class)))
    @ApiResponse(responseCode = "503", description = "`{\"status\":\"DOWN\"}`, or `OUT_OF_SERVICE` while stopping",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProbeStatus.class)))
    ResponseEntity<byte[]> readiness() {
        return probes.readiness();
    }
}
