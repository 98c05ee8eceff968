package io.contextstore.query.live;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.web.ServiceUnavailableException;
import io.contextstore.query.live.decision.SseFrames;
import io.contextstore.query.live.decision.StreamRequest;
import io.contextstore.query.pull.EventReader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open streams of this instance: opens them, sends their heartbeats, closes those whose client stopped
 * reading, whose token expired, or all of them when the instance stops (before the web server waits for
 * requests to end: an open stream never would). A closed client resumes from its Last-Event-ID.
 */
final class Streams implements SmartLifecycle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Streams.class);

    private final SharedReads reader;
    private final LiveProperties properties;
    private final ProjectionListener listener;
    private final LiveExecutors executors;
    private final Clock clock;
    private final Set<StreamSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private ScheduledFuture<?> heartbeats;
    private ScheduledFuture<?> slowReaders;

    Streams(EventReader reader, LiveProperties properties, ProjectionListener listener, LiveExecutors executors,
            JsonMapper json, Clock clock) {
        SharedFrames frames = new SharedFrames(json);
        this.reader = new SharedReads((token, request) -> StreamPage.render(reader.page(token, request), frames),
                System::nanoTime);
        this.properties = properties;
        this.listener = listener;
        this.executors = executors;
        this.clock = clock;
    }

    /** Starts streaming on this request; the stream then holds {@code permit} until it ends. */
    void open(AccessToken token, StreamRequest request, HttpServletRequest http, HttpServletResponse response,
              Admission.Permit permit) throws IOException {
        if (!running) {
            throw new ServiceUnavailableException("this instance is stopping; reconnect", properties.reconnectDelay(), null);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // proxies must pass each event on at once
        // the request and response the container passed in, not Spring's wrappers of them: Spring's async wrapper
        // takes a lock and keeps a state of its own around every write, for asynchronous handling it did not start
        AsyncContext async = http.startAsync();
        async.setTimeout(0); // a stream ends when its client, its token or this instance does
        StreamSession session = new StreamSession(token, request, reader, executors.readers(), properties.pageSize(),
                open::remove);
        SseChannel channel = new SseChannel(async, session::readIfDue, session::ended, System::nanoTime);
        session.attach(channel);
        session.hold(permit);
        open.add(session);
        session.hold(listener.subscribe(token.tenantId(), session)); // before the first read: no commit is missed
        long untilExpiry = Duration.between(clock.instant(), token.expiresAt()).toMillis();
        ScheduledFuture<?> expiry = executors.timers().schedule(session::close, Math.max(0, untilExpiry), TimeUnit.MILLISECONDS);
        session.hold(() -> expiry.cancel(false));
        session.send(SseFrames.retry(properties.reconnectDelay()));
        try {
            channel.start();
        } catch (IOException | RuntimeException e) {
            channel.close(); // releases what the session holds
            throw e;
        }
        session.readIfDue();
    }

    @Override
    public synchronized void start() {
        running = true;
        long heartbeat = properties.heartbeat().toMillis();
        heartbeats = executors.timers().scheduleAtFixedRate(() -> each(s -> s.send(SseFrames.HEARTBEAT)),
                heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long slow = properties.slowReaderTimeout().toNanos();
        long check = Math.max(1, properties.slowReaderTimeout().toMillis() / 4);
        slowReaders = executors.timers().scheduleAtFixedRate(() -> each(s -> {
            if (s.refusesLongerThan(slow)) {
                log.debug("Closing a stream whose client has refused bytes for longer than {}", properties.slowReaderTimeout());
                s.close();
            }
        }), check, check, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (heartbeats != null) {
            heartbeats.cancel(false);
            slowReaders.cancel(false);
        }
        open.forEach(StreamSession::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A failure with one stream must not end the timer task: a periodic task that throws is never run again. */
    private void each(java.util.function.Consumer<StreamSession> work) {
        for (StreamSession session : open) {
            try {
                work.accept(session);
            } catch (RuntimeException e) {
                log.warn("A stream's timer work failed ({}); closing it", e.getClass().getSimpleName());
                session.close();
            }
        }
    }

    int size() {
        return open.size();
    }
}
