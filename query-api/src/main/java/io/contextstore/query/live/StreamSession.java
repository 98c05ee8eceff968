package io.contextstore.query.live;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.query.live.decision.StreamRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream: it reads the tenant's events from its cursor with the pull's own read path (so it shows
 * exactly what a pull shows the caller), a page at a time, whenever it is behind — at first (catch-up), then
 * each time the projector signals the tenant — and only when everything it read before is handed to the
 * connection. Memory per stream is so at most one page, and a slow client slows only its own stream.
 */
final class StreamSession implements ProjectionListener.Subscriber {

    private static final Logger log = LoggerFactory.getLogger(StreamSession.class);

    private final AccessToken token;
    private final StreamRequest request;
    private final SharedReads reader;
    private final Executor readers;
    private final int pageSize;
    private final Consumer<StreamSession> ended;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean over = new AtomicBoolean();
    private final AtomicLong signalled = new AtomicLong(-1);
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile SseChannel channel;
    private volatile long cursor;
    /** Whether the last read left events behind it (a full page), or a look is owed (at first, after a lost signal). */
    private volatile boolean more = true;

    StreamSession(AccessToken token, StreamRequest request, SharedReads reader, Executor readers, int pageSize,
                  Consumer<StreamSession> ended) {
        this.token = token;
        this.request = request;
        this.reader = reader;
        this.readers = readers;
        this.pageSize = pageSize;
        this.ended = ended;
        this.cursor = request.cursor();
    }

    AccessToken token() {
        return token;
    }

    void attach(SseChannel channel) {
        this.channel = channel;
    }

    /** Something to release when the stream ends: its subscription, its slot, its deadline. */
    synchronized void hold(AutoCloseable resource) {
        if (over.get()) {
            closeQuietly(resource);
        } else {
            resources.add(resource);
        }
    }

    @Override
    public void projected(long position) {
        if (position == ProjectionListener.UNKNOWN) {
            more = true;
        } else {
            signalled.accumulateAndGet(position, Math::max);
        }
        readIfDue();
    }

    /** Reads the next page on a reader thread if the stream is behind, not reading, and its connection is drained. */
    void readIfDue() {
        SseChannel connection = channel;
        if (connection == null || !connection.isDrained() || !(more || signalled.get() > cursor)) {
            return;
        }
        if (reading.compareAndSet(false, true)) {
            try {
                readers.execute(this::read);
            } catch (RejectedExecutionException stopping) {
                reading.set(false);
                connection.close();
            }
        }
    }

    void send(String text) {
        SseChannel connection = channel;
        if (connection != null) {
            connection.send(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    void close() {
        SseChannel connection = channel;
        if (connection != null) {
            connection.close();
        }
    }

    boolean refusesLongerThan(long nanos) {
        SseChannel connection = channel;
        return connection != null && connection.refusesLongerThan(nanos);
    }

    /** Called once by the channel when the connection is over. */
    void ended() {
        if (over.compareAndSet(false, true)) {
            synchronized (this) {
                resources.forEach(StreamSession::closeQuietly);
                resources.clear();
            }
            ended.accept(this);
        }
    }

    private void read() {
        CompletableFuture<StreamPage> page;
        try {
            // a signal or a lost-signal look arriving during this read sets it again; a look owed wants a fresh page
            long position = more ? ProjectionListener.UNKNOWN : signalled.get();
            more = false;
            page = reader.page(token, request.page(cursor, pageSize), position);
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        // a page another stream is reading completes later, on that stream's reader thread: this one is free meanwhile
        page.whenComplete((read, failure) -> {
            if (failure != null) {
                failed(failure);
            } else {
                deliver(read);
            }
        });
    }

    private void deliver(StreamPage page) {
        try {
            if (page.frames().length > 0) {
                channel.send(page.frames());
            }
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        cursor = page.nextCursor();
        if (page.hasMore()) {
            more = true;
        }
        reading.set(false);
        readIfDue();
    }

    private void failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        // the class only: a database message may quote a row; the client resumes from its last id
        log.warn("A stream could not read ({}); closing it", cause.getClass().getSimpleName());
        reading.set(false);
        channel.close();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.debug("Releasing a stream's resource failed", e);
        }
    }
}
