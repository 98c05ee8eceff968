package io.contextstore.query.live;

import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.web.ServiceUnavailableException;
import io.contextstore.query.live.decision.Limits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connections an instance holds open (streams, waiting pulls) per tenant and in all, and refuses
 * one beyond its limits: 429 for a tenant at its own limit, 503 for a full instance, both with Retry-After.
 * One tenant can so hold only its share, never every slot another tenant needs.
 */
public final class Admission {

    public enum Hold {
        STREAM("open streams"), WAIT("waiting pulls");

        private final String label;

        Hold(String label) {
            this.label = label;
        }
    }

    /** A held slot; closing it gives it back (once, however often it is closed). */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private record Key(Hold hold, UUID tenant) {
    }

    private final Map<Hold, Limits> limits = new EnumMap<>(Hold.class);
    private final Map<Hold, AtomicInteger> instance = new EnumMap<>(Hold.class);
    private final ConcurrentHashMap<Key, Integer> tenants = new ConcurrentHashMap<>();
    private final Duration retryAfter;

    public Admission(LiveProperties properties, MeterRegistry registry) {
        limits.put(Hold.STREAM, new Limits(properties.maxStreamsPerTenant(), properties.maxStreamsPerInstance()));
        limits.put(Hold.WAIT, new Limits(properties.maxWaitsPerTenant(), properties.maxWaitsPerInstance()));
        for (Hold hold : Hold.values()) {
            AtomicInteger held = new AtomicInteger();
            instance.put(hold, held);
            if (registry != null) {
                Gauge.builder("contextstore.query.held", held, AtomicInteger::get).tag("kind", hold.name().toLowerCase())
                        .description("Connections this instance holds open: streams and waiting pulls").register(registry);
            }
        }
        this.retryAfter = properties.retryAfter();
    }

    public Permit admit(Hold hold, UUID tenant) {
        Key key = new Key(hold, tenant);
        int tenantHeld = tenants.merge(key, 1, Integer::sum);
        int instanceHeld = instance.get(hold).incrementAndGet();
        Limits.Verdict verdict = limits.get(hold).decide(tenantHeld, instanceHeld);
        if (verdict == Limits.Verdict.ADMIT) {
            AtomicBoolean released = new AtomicBoolean();
            return () -> {
                if (released.compareAndSet(false, true)) {
                    release(key);
                }
            };
        }
        release(key);
        if (verdict == Limits.Verdict.TENANT_FULL) {
            throw ApiProblem.tooManyRequests("this tenant holds its most " + hold.label + " on this instance ("
                    + limits.get(hold).perTenant() + "); close one or retry later", retryAfter);
        }
        throw new ServiceUnavailableException("this instance holds its most " + hold.label + "; retry later", retryAfter, null);
    }

    /** How many of a kind this instance holds now. */
    public int held(Hold hold) {
        return instance.get(hold).get();
    }

    /** How many of a kind a tenant holds on this instance now. */
    public int held(Hold hold, UUID tenant) {
        return tenants.getOrDefault(new Key(hold, tenant), 0);
    }

    private void release(Key key) {
        instance.get(key.hold()).decrementAndGet();
        tenants.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
    }
}
