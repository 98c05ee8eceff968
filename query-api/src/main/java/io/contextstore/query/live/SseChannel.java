package io.contextstore.query.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One stream's connection, written with the Servlet API's non-blocking output: bytes are handed to the
 * container only while it says it can take them ({@code isReady}), so no thread ever blocks on a client that
 * does not read. What is not handed over waits in a queue that the stream refills only once it is empty.
 *
 * <p>Any thread may send; one at a time drains (a work-in-progress counter, so a send and the container's
 * {@code onWritePossible} never write at once). The time since the connection last refused bytes is what a slow
 * reader is judged by.
 *
 * <p>Every call into the request happens under {@code io}, and so do the container's own error and completion
 * callbacks. That is what keeps one client's failure out of another client's stream: a write that fails on a
 * thread of ours makes the container run its error handling on one of its threads at once, while our thread is
 * still inside the container recording the failure on the response; were the request completed and recycled
 * meanwhile, that record landed on the next request of the connection handler, whose first write then failed
 * with this client's broken pipe. The lock is held only across non-blocking calls, and the container never calls
 * back synchronously from them (it dispatches), so no thread waits on it for long.
 */
final class SseChannel implements WriteListener, AsyncListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SseChannel.class);

    private final AsyncContext async;
    private final Runnable drained;
    private final Runnable closed;
    private final LongSupplier nanoTime;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private final ReentrantLock io = new ReentrantLock();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closing;
    private volatile ServletOutputStream out;
    private volatile long refusingSince;
    /** Written bytes not yet flushed; only the draining thread touches it. */
    private boolean unflushed;

    /**
     * @param drained called (on any thread) when everything queued was handed to the container
     * @param closed  called once when the connection is over, whoever ended it
     */
    SseChannel(AsyncContext async, Runnable drained, Runnable closed, LongSupplier nanoTime) {
        this.async = async;
        this.drained = drained;
        this.closed = closed;
        this.nanoTime = nanoTime;
    }

    void start() throws IOException {
        async.addListener(this);
        ServletOutputStream stream = async.getResponse().getOutputStream();
        out = stream;
        stream.setWriteListener(this); // the container calls onWritePossible once it can take bytes
    }

    void send(byte[] frame) {
        if (closing) {
            return;
        }
        queuedBytes.addAndGet(frame.length);
        queue.add(frame);
        drain();
    }

    /** Whether everything sent so far was handed to the container: the stream may read its next page. */
    boolean isDrained() {
        return queuedBytes.get() == 0 && !closing;
    }

    boolean isOpen() {
        return !closing;
    }

    /** Whether the connection has refused bytes for longer than {@code limitNanos}. */
    boolean refusesLongerThan(long limitNanos) {
        long since = refusingSince;
        return since != 0 && nanoTime.getAsLong() - since > limitNanos;
    }

    void close() {
        closing = true;
        drain();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        log.debug("A stream's connection failed: {}", failure.toString());
        failedInContainer();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        log.debug("A stream's request completed (closing {}, completed {})", closing, completed.get());
        closing = true;
        released();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        log.debug("A stream's request timed out");
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        log.debug("A stream's request failed: {}", String.valueOf(event.getThrowable()));
        failedInContainer();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private void drain() {
        if (work.getAndIncrement() != 0) {
            return; // the thread draining now will loop once more
        }
        int missed = 1;
        boolean empty = false;
        do {
            io.lock();
            try {
                empty = drainOnce();
            } catch (IOException e) {
                // the client went away: the container saw it too and calls onError on one of its threads, which
                // completes the request there. Completing it here as well would race the container's own error
                // handling, which then ran on the connection handler's next request (another client's stream).
                log.debug("A stream's connection ended: {}", e.toString());
                closing = true;
                queue.clear();
                queuedBytes.set(0);
                if (refusingSince == 0) {
                    refusingSince = Math.max(1, nanoTime.getAsLong()); // should onError never come, the slow-reader check closes it
                }
            } catch (RuntimeException e) { // the container ended the request under us
                log.debug("A stream's connection ended: {}", e.toString());
                closing = true;
                complete();
            } finally {
                io.unlock();
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
        if (empty && !closing) {
            drained.run();
        }
    }

    /** Hands over what the container takes now; answers whether the queue is empty and flushed. */
    private boolean drainOnce() throws IOException {
        ServletOutputStream stream = out;
        if (completed.get()) {
            return false; // the request may already serve another client: never touch it again
        }
        if (closing) {
            complete();
            return false;
        }
        if (stream == null) {
            return false; // not started: onWritePossible comes once it is
        }
        while (true) {
            if (!stream.isReady()) { // the container calls onWritePossible when it can take more
                if (refusingSince == 0) {
                    refusingSince = Math.max(1, nanoTime.getAsLong());
                }
                return false;
            }
            refusingSince = 0;
            byte[] next = queue.poll();
            if (next != null) {
                queuedBytes.addAndGet(-next.length);
                stream.write(next);
                unflushed = true;
            } else if (unflushed) {
                unflushed = false;
                stream.flush();
            } else {
                return true;
            }
        }
    }

    /**
     * Ends the request and releases the stream, once. Nothing of the request is touched after that: the container
     * recycles its request, response and async context for the next request on the same connection handler, so a
     * late {@code complete()} or write from here would end or corrupt another client's stream.
     */
    private void complete() {
        if (completed.compareAndSet(false, true)) {
            completeQuietly();
            releaseOnce();
        }
    }

    /**
     * The container reports a failure on one of its own threads: the request is still this stream's here, so it is
     * completed whatever this side did before, or the container would run its error page on it (and then on a
     * recycled request).
     */
    private void failedInContainer() {
        endInContainer(true);
    }

    /** The container completed the request: it recycles it once this returns. */
    private void released() {
        endInContainer(false);
    }

    private void endInContainer(boolean completeRequest) {
        io.lock(); // waits for a write under way on another thread to leave the container
        try {
            closing = true;
            completed.set(true);
            if (completeRequest) {
                completeQuietly();
            }
        } finally {
            io.unlock();
        }
        releaseOnce();
    }

    private void completeQuietly() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyOver) {
            // completed already (client gone, server stopping)
        }
    }

    private void releaseOnce() {
        if (released.compareAndSet(false, true)) {
            queue.clear();
            queuedBytes.set(0);
            closed.run();
        }
    }
}
