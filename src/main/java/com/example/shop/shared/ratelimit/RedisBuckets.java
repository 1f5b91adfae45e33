package com.example.shop.shared.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buckets in Redis, through Bucket4j's Lettuce proxy manager (compare-and-swap in a Lua script, so instances
 * racing for one bucket never lose a permit), on a connection of its own from the given Lettuce client. Every call
 * waits at most {@code timeout}; a call that fails or waits longer marks the store down for {@code downFor}, during
 * which calls do not touch Redis at all (each limit falls back to its {@link RateLimitPolicy.WhenStoreDown}); after
 * it, one call tries Redis again while the others still fall back. An outage is logged once when it starts and
 * once when it ends. The connection is made on a thread of its own, so a Redis that does not answer a connect
 * holds no request longer than {@code timeout} either; a connection that was lost is replaced by a new one on the
 * next try, rather than waiting for Lettuce's reconnect backoff (up to 30 s).
 * <p>
 * The circuit (down for a while, one probe) is written here because it is a dozen lines; a circuit-breaker
 * library would bring its own configuration, metrics and threads for the same two states.
 */
final class RedisBuckets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    private final AbstractRedisClient client;
    private final Duration timeout;
    private final Duration downFor;
    private final ExecutorService connecting;
    private final Object lock = new Object();
    private final AtomicBoolean probing = new AtomicBoolean();

    private volatile @Nullable Connected connected;
    private @Nullable Future<Connected> pending;
    private volatile boolean down;
    private volatile long downUntil;
    private volatile long downSince;

    RedisBuckets(AbstractRedisClient client, Duration timeout, Duration downFor) {
        this.client = client;
        this.timeout = timeout;
        this.downFor = downFor;
        this.connecting = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "rate-limit-redis-connect");
            thread.setDaemon(true);
            return thread;
        });
        synchronized (lock) {
            // connect now, in the background: the first requests find the connection made, and a Redis that is
            // down at start-up delays nothing
            pending = connecting.submit(this::connect);
        }
    }

    /**
     * Runs the work on the buckets; empty when the store is down, or the work failed or took too long (the store
     * is then down from now on, for {@code downFor}).
     */
    <T> Optional<T> call(Function<ProxyManager<byte[]>, T> work) {
        boolean probe = false;
        if (down) {
            if (System.nanoTime() - downUntil < 0 || !probing.compareAndSet(false, true)) {
                return Optional.empty();
            }
            probe = true;
        }
        try {
            ProxyManager<byte[]> proxies = proxies(probe);
            if (proxies == null) {
                return Optional.empty();
            }
            T result = work.apply(proxies);
            if (probe) {
                down = false;
                log.info("Redis answers again after {} ms: the rate limits use the shared buckets again",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince));
            }
            return Optional.of(result);
        } catch (RuntimeException e) {
            failed(probe, e);
            return Optional.empty();
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    /** Whether calls skip Redis now. */
    boolean down() {
        return down;
    }

    /** How long a refused request should wait: the rest of the current down time, at least a second. */
    Duration retryAfter() {
        long left = downUntil - System.nanoTime();
        return LocalRateLimit.retryAfter(Math.max(0, left));
    }

    private void failed(boolean probe, RuntimeException e) {
        if (down && !probe) {
            return;
        }
        downUntil = System.nanoTime() + downFor.toNanos();
        if (!down) {
            downSince = System.nanoTime();
            down = true;
            log.warn("Redis cannot be reached or did not answer within {} ms ({}): each rate limit falls back to its "
                    + "when-store-down policy (local buckets or refusal), and Redis is tried again every {} ms",
                    timeout.toMillis(), e.toString(), downFor.toMillis());
        } else {
            log.debug("Redis still does not answer: {}", e.toString());
        }
    }

    /** The proxy manager on an open connection, connecting first when there is none; null to fall back at once. */
    private @Nullable ProxyManager<byte[]> proxies(boolean probe) {
        Connected current = connected;
        if (current != null && current.connection().isOpen()) {
            return current.proxies();
        }
        synchronized (lock) {
            current = connected;
            if (current != null && current.connection().isOpen()) {
                return current.proxies();
            }
            if (down && !probe) {
                // another request found the store down while this one waited for the lock
                return null;
            }
            if (current != null) {
                current.connection().closeAsync();
                connected = null;
            }
            if (pending == null) {
                pending = connecting.submit(this::connect);
            }
            try {
                current = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                pending = null;
                connected = current;
                return current.proxies();
            } catch (TimeoutException e) {
                // the connect goes on in the background; a later call takes its connection
                throw new RedisConnectionException("no connection to Redis within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                pending = null;
                throw new RedisConnectionException("cannot connect to Redis: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisConnectionException("interrupted while connecting to Redis", e);
            }
        }
    }

    private Connected connect() {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
            connection.setTimeout(timeout);
            return new Connected(connection, configure(Bucket4jLettuce.casBasedBuilder(connection)));
        }
        StatefulRedisConnection<byte[], byte[]> connection = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
        connection.setTimeout(timeout);
        return new Connected(connection, configure(Bucket4jLettuce.casBasedBuilder(connection)));
    }

    private ProxyManager<byte[]> configure(Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder) {
        // a bucket's key lives until the bucket would be full again: an expired key and a full bucket are the same
        return builder.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .requestTimeout(timeout)
                .build();
    }

    @Override
    public void close() {
        connecting.shutdownNow();
        synchronized (lock) {
            Connected current = connected;
            if (current != null) {
                current.connection().close();
            }
            if (pending != null && pending.isDone() && !pending.isCancelled()) {
                try {
                    pending.get().connection().close();
                } catch (ExecutionException | InterruptedException | RuntimeException e) {
                    // nothing to close
                }
            }
        }
    }

    private record Connected(StatefulConnection<byte[], byte[]> connection, ProxyManager<byte[]> proxies) {
    }
}
