package io.contextstore.bench;

import java.time.Duration;

/**
 * How big each scenario is: {@code full} for the recorded figures, {@code quick} to check the driver works;
 * {@code rounds}: how many measured rounds a figure and its ceiling alternate in (after the warm-up rounds);
 * {@code streams}: live streams open on the query instance in the stream section (ten per tenant);
 * {@code tenantsAtOnce}: tenants pushing at once in the many-tenants section (and the projector's larger mixes);
 * {@code peerRequestsPerClient}: requests of 500 documents each client sends per round in the peer section;
 * {@code warmUpRounds}: at most this many discarded rounds before the measured ones, while the JIT compiler works
 * ({@link Rounds}).
 */
record Profile(String name, int rawRecordsPerClient, int singlePushesPerClient, int batchesPerClient,
               int projectorTenants, int projectorEventsPerTenant, Duration endToEndDuration, int[] endToEndRates,
               int pullSmallTenant, int pullLargeTenant, int pageRequests, int manyTenants, int rounds,
               int streams, int tenantsAtOnce, int peerRequestsPerClient, int warmUpRounds) {

    static Profile full() {
        return new Profile("full", 25_000, 500, 100, 100, 1000, Duration.ofSeconds(20), new int[] {100, 1000, 5000},
                10_000, 1_000_000, 200, 10_000, 3, 1000, 1000, 10, 4);
    }

    static Profile quick() {
        return new Profile("quick", 500, 20, 5, 10, 50, Duration.ofSeconds(2), new int[] {100, 1000},
                600, 2_000, 20, 100, 1, 50, 200, 1, 1);
    }
}
