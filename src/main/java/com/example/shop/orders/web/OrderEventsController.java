package com.example.shop.orders.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.example.shop.customers.CurrentCustomer;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.internal.OrderQueryService;
import com.example.shop.orders.internal.OrderStreamTickets;

/**
 * The live status of an order: a stream of Server-Sent Events, opened with an access token or with a ticket
 * (for a browser's {@code EventSource}, which cannot send headers). Who may open it is who may read the order.
 */
@Tag(name = "Orders")
@RestController
@RequestMapping("/api/orders/{id}/events")
class OrderEventsController {

    private final OrderQueryService queries;
    private final OrderStreamTickets tickets;
    private final OrderStreamRegistry streams;
    private final CurrentCustomer caller;

    OrderEventsController(OrderQueryService queries, OrderStreamTickets tickets, OrderStreamRegistry streams,
            CurrentCustomer caller) {
        this.queries = queries;
        this.tickets = tickets;
        this.streams = streams;
        this.caller = caller;
    }

    /** A ticket to open the order's event stream, and how many seconds it stays valid. */
    record Ticket(String ticket, long expiresIn) {
    }

    @Operation(summary = "A short-lived ticket for the order's event stream (its owner, an admin, or the holder of "
            + "a guest order's access key)",
            description = "For a browser's EventSource, which cannot send an Authorization header: "
                    + "`GET /api/orders/{id}/events?ticket=...` accepts it instead of the token, for this order "
                    + "only, until it expires (`expiresIn` seconds, 60 by default). It opens nothing else.")
    @SecurityRequirement(name = "bearerAuth")
    @SecurityRequirement(name = GuestAccessDocumentation.ORDER_ACCESS_KEY)
    @ApiResponse(responseCode = "201", description = "The ticket")
    @ApiResponse(responseCode = "401", description = "No valid access token and no Order-Access-Key")
    @ApiResponse(responseCode = "404", description = "Unknown order, another customer's, or a wrong access key")
    @ApiResponse(responseCode = "429", description = "Too many wrong access keys from this address or for this order")
    @PostMapping("/ticket")
    @ResponseStatus(HttpStatus.CREATED)
    Ticket ticket(@PathVariable UUID id, @Parameter(description = "A guest order's access key, instead of a token")
            @RequestHeader(name = OrderController.ACCESS_KEY, required = false) @Nullable String key,
            HttpServletRequest http) {
        OrderId order = new OrderId(id);
        // whoever may read the order may watch it: the same check as GET /api/orders/{id}
        queries.details(order, OrderController.access(caller, key, http, true));
        return new Ticket(tickets.issue(order), tickets.ttl().toSeconds());
    }

    @Operation(summary = "The order's live status, as Server-Sent Events (its owner or an admin, or a ticket)",
            description = "A `text/event-stream`: an event named `order` whose data is the order as "
                    + "`GET /api/orders/{id}` answers it, at once and after every change (paid, shipped, refunded, "
                    + "cancelled), its `id` the order's version; a `: heartbeat` comment every 15 s. A reconnect "
                    + "with `Last-Event-ID` gets the order at once only when it changed since that event. "
                    + "Opened with a bearer token, or without one with `ticket` from "
                    + "`POST /api/orders/{id}/events/ticket`.")
    @SecurityRequirement(name = "bearerAuth")
    @SecurityRequirement(name = "eventTicket")
    @ApiResponse(responseCode = "200", description = "The stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
                    example = "event:order\nid:3\ndata:{\"id\":\"...\",\"status\":\"PAID\",...}\n\n")))
    @ApiResponse(responseCode = "401", description = "No valid access token, or a ticket that is expired, for "
            + "another order or unknown (ticket-invalid)")
    @ApiResponse(responseCode = "404", description = "Unknown order, or another customer's (with a token)")
    @ApiResponse(responseCode = "503", description = "This instance holds its maximum of streams "
            + "(too-many-streams, Retry-After)")
    @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID id,
            // documented as the eventTicket security scheme
            @Parameter(hidden = true) @RequestParam(required = false) @Nullable String ticket,
            @Parameter(description = "The id of the last event received; sent by EventSource when it reconnects")
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            HttpServletResponse response) {
        OrderId order = new OrderId(id);
        if (ticket != null) {
            tickets.check(ticket, order);
        } else {
            queries.details(order, caller.require(), caller.isAdmin());
        }
        // nginx buffers proxied responses unless told otherwise; a buffered stream shows nothing
        response.setHeader("X-Accel-Buffering", "no");
        return streams.open(order, lastEventId);
    }
}
