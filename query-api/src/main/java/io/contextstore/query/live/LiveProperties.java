package io.contextstore.query.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live read side ({@code contextstore.query.live.*}): the stream and the waiting pulls (ADR 38).
 *
 * @param heartbeat             how often an idle stream sends a comment, so proxies and clients see it alive
 * @param maxStreamsPerTenant   open streams one tenant may hold on one instance; beyond it 429
 * @param maxStreamsPerInstance open streams one instance holds; beyond it 503 (another instance may have room)
 * @param maxWaitsPerTenant     pulls with {@code wait_for} one tenant may have waiting on one instance; beyond it 429
 * @param maxWaitsPerInstance   waiting pulls one instance holds; beyond it 503
 * @param retryAfter            the Retry-After of those 429 and 503 answers
 * @param pageSize              events a stream reads at a time; with nothing else queued, its buffer's bound
 * @param slowReaderTimeout     how long a stream's connection may refuse more bytes before it is closed; the
 *                              client resumes from its Last-Event-ID
 * @param readerThreads         threads that read for woken streams and waiting pulls (none is held while waiting)
 * @param reconnectDelay        the {@code retry:} a stream tells its clients to wait before reconnecting
 * @param listenCheck           how often the listening connection, when quiet, checks that it is alive
 */
@ConfigurationProperties("contextstore.query.live")
public record LiveProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("256") int maxStreamsPerTenant,
        @DefaultValue("2000") int maxStreamsPerInstance,
        @DefaultValue("64") int maxWaitsPerTenant,
        @DefaultValue("2000") int maxWaitsPerInstance,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("200") int pageSize,
        @DefaultValue("30s") Duration slowReaderTimeout,
        @DefaultValue("4") int readerThreads,
        @DefaultValue("2s") Duration reconnectDelay,
        @DefaultValue("10s") Duration listenCheck) {
}
