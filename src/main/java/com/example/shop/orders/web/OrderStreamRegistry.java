package com.example.shop.orders.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.orders.LocalOrderStreams;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.internal.OrderNotFound;
import com.example.shop.orders.internal.OrderQueryService;
import com.example.shop.orders.internal.OrderSnapshot;
import com.example.shop.orders.internal.OrderStreamProperties;
import com.example.shop.orders.internal.OrderStreamsFull;

/**
 * This instance's open order streams, by order. Each stream is a Spring MVC {@link SseEmitter} (asynchronous
 * request processing): an idle stream holds a connection and a few objects, no request thread.
 * <p>
 * Every event is the whole order as {@code GET /api/orders/{id}} answers it, named {@code order}, with the
 * order's version as its id. A stream sends a version only when it is newer than the last one it sent, so it
 * never goes back and never repeats; a change is read from the database once per order, whatever the number
 * of its streams. Two threads of its own send changes and, every {@code heartbeat}, a comment line to every
 * stream (so proxies keep it open, and a closed connection is found and forgotten) and, in one query, compare
 * the open orders' versions with the database (a change whose fan-out was lost arrives then).
 * <p>
 * Streams end after {@code stream-timeout}, on a failed write, or when the instance stops (first of all, so a
 * graceful shutdown does not wait for them); the browser then reconnects with {@code Last-Event-ID}.
 */
@Component
class OrderStreamRegistry implements LocalOrderStreams, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderStreamRegistry.class);
    private static final int VERSIONS_PER_QUERY = 500;

    private final Map<UUID, Set<Stream>> byOrder = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final OrderQueryService queries;
    private final OrderWebMapper mapper;
    private final JsonMapper json;
    private final OrderStreamProperties properties;
    private volatile @Nullable ScheduledExecutorService workers;
    private volatile boolean running;

    OrderStreamRegistry(OrderQueryService queries, OrderWebMapper mapper, JsonMapper json,
            OrderStreamProperties properties, MeterRegistry meters) {
        this.queries = queries;
        this.mapper = mapper;
        this.json = json;
        this.properties = properties;
        Gauge.builder("shop.orders.streams.open", open, AtomicInteger::get)
                .description("Order event streams open on this instance").register(meters);
    }

    /**
     * A new stream of the order, the caller already allowed. It sends the order at once, unless
     * {@code lastEventId} is its current version already (a reconnect that missed nothing).
     */
    SseEmitter open(OrderId order, @Nullable String lastEventId) {
        if (open.incrementAndGet() > properties.maxStreams()) {
            open.decrementAndGet();
            throw new OrderStreamsFull(properties.maxStreams());
        }
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Stream stream = new Stream(order.value(), emitter, parse(lastEventId));
        byOrder.computeIfAbsent(order.value(), id -> ConcurrentHashMap.newKeySet()).add(stream);
        emitter.onCompletion(() -> forget(stream));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> forget(stream));
        // registered before the order is read: a change committed from now on reaches this stream as well
        Optional<OrderSnapshot> now = queries.snapshot(order);
        if (now.isEmpty()) {
            forget(stream);
            throw new OrderNotFound(order.value());
        }
        stream.send(now.get().version(), json(now.get()));
        return emitter;
    }

    @Override
    public void changed(OrderId order) {
        ScheduledExecutorService executor = workers;
        if (byOrder.containsKey(order.value()) && executor != null) {
            try {
                executor.execute(() -> deliver(order.value()));
            } catch (RejectedExecutionException stopping) {
                // the instance is stopping: its streams end now, and the browsers reconnect elsewhere
            }
        }
    }

    @Override
    public void mayHaveMissedChanges() {
        ScheduledExecutorService executor = workers;
        if (!byOrder.isEmpty() && executor != null) {
            try {
                executor.execute(this::compareVersions);
            } catch (RejectedExecutionException stopping) {
                // the instance is stopping
            }
        }
    }

    /** Streams open on this instance now. */
    int openStreams() {
        return open.get();
    }

    private void deliver(UUID order) {
        Set<Stream> streams = byOrder.get(order);
        if (streams == null || streams.isEmpty()) {
            return;
        }
        try {
            queries.snapshot(new OrderId(order)).ifPresent(now -> {
                String body = json(now);
                streams.forEach(stream -> stream.send(now.version(), body));
            });
        } catch (RuntimeException e) {
            // the database is away: the next heartbeat compares versions again
            log.warn("Could not read order {} for its {} streams: {}", order, streams.size(), e.toString());
        }
    }

    private void heartbeat() {
        byOrder.values().forEach(streams -> streams.forEach(Stream::heartbeat));
        compareVersions();
    }

    /** Sends every order whose version in the database is newer than one of its streams has seen. */
    private void compareVersions() {
        List<OrderId> orders = byOrder.keySet().stream().map(OrderId::new).toList();
        for (int from = 0; from < orders.size(); from += VERSIONS_PER_QUERY) {
            List<OrderId> chunk = orders.subList(from, Math.min(orders.size(), from + VERSIONS_PER_QUERY));
            try {
                queries.versions(chunk).forEach((order, version) -> {
                    Set<Stream> streams = byOrder.get(order);
                    if (streams != null && streams.stream().anyMatch(stream -> stream.behind(version))) {
                        deliver(order);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Could not compare the versions of {} orders with open streams: {}", chunk.size(),
                        e.toString());
            }
        }
    }

    private String json(OrderSnapshot snapshot) {
        return json.writeValueAsString(mapper.toOrder(snapshot.details()));
    }

    private void forget(Stream stream) {
        Set<Stream> streams = byOrder.get(stream.order);
        if (streams != null && streams.remove(stream)) {
            open.decrementAndGet();
            byOrder.computeIfPresent(stream.order, (id, left) -> left.isEmpty() ? null : left);
        }
    }

    private static long parse(@Nullable String lastEventId) {
        if (lastEventId == null) {
            return -1;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /** Two threads of its own (a new pair after every stop, should the context be started again). */
    @Override
    public void start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2,
                new CustomizableThreadFactory("order-streams-"));
        executor.setRemoveOnCancelPolicy(true);
        long every = properties.heartbeat().toMillis();
        executor.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        workers = executor;
        running = true;
    }

    /** Ends every stream before the web server's graceful shutdown starts waiting for requests. */
    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = workers;
        workers = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        byOrder.values().forEach(streams -> streams.forEach(stream -> stream.emitter.complete()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** One open stream; writes to it are serialised, and it sends only versions newer than the last it sent. */
    private final class Stream {

        final UUID order;
        final SseEmitter emitter;
        private long lastSent;

        Stream(UUID order, SseEmitter emitter, long lastSent) {
            this.order = order;
            this.emitter = emitter;
            this.lastSent = lastSent;
        }

        synchronized boolean behind(long version) {
            return version > lastSent;
        }

        synchronized void send(long version, String body) {
            if (version <= lastSent) {
                return;
            }
            write(SseEmitter.event().name("order").id(Long.toString(version)).data(body));
            lastSent = version;
        }

        synchronized void heartbeat() {
            write(SseEmitter.event().comment("heartbeat"));
        }

        private void write(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                // the client went away (or the stream already ended): the container ends the request
                forget(this);
            }
        }
    }
}
