package io.contextstore.query.pull;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.web.ServiceUnavailableException;
import io.contextstore.query.live.Admission;
import io.contextstore.query.live.LiveExecutors;
import io.contextstore.query.live.ProjectionListener;
import io.contextstore.query.pull.decision.PullRequest;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A pull with {@code wait_for} that has to wait: it holds no thread, only a subscription to its tenant's
 * projection signals and a deadline (ADR 38). A signal at or past its position, or the deadline, has a
 * reader thread read the page, exactly as a pull that did not wait; a commit that came before the
 * subscription is found by one look at the watermark right after subscribing.
 */
final class WaitingPull implements ProjectionListener.Subscriber {

    private final AccessToken token;
    private final PullRequest pull;
    private final long position;
    private final EventReader reader;
    private final LiveExecutors executors;
    private final DeferredResult<PullPage> result;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Admission.Permit permit;
    private volatile ProjectionListener.Subscription subscription;
    private volatile ScheduledFuture<?> deadline;

    private WaitingPull(AccessToken token, PullRequest pull, EventReader reader, LiveExecutors executors) {
        this.token = token;
        this.pull = pull;
        this.position = pull.barrier().position();
        this.reader = reader;
        this.executors = executors;
        // Spring's own timeout comes well after ours: ours answers with the page, as a pull that waited in vain does
        this.result = new DeferredResult<>(pull.barrier().timeout().plus(Duration.ofSeconds(30)).toMillis());
    }

    /** Starts waiting; the result is answered by a reader thread, never by the calling one. */
    static DeferredResult<PullPage> start(AccessToken token, PullRequest pull, EventReader reader,
                                          LiveExecutors executors, ProjectionListener listener, Admission.Permit permit) {
        WaitingPull waiting = new WaitingPull(token, pull, reader, executors);
        waiting.permit = permit;
        waiting.result.onCompletion(waiting::release);
        waiting.result.onError(failure -> waiting.release());
        waiting.subscription = listener.subscribe(token.tenantId(), waiting);
        waiting.deadline = executors.timers().schedule(() -> waiting.submit(waiting::finish),
                pull.barrier().timeout().toMillis(), TimeUnit.MILLISECONDS);
        waiting.submit(waiting::look);
        return waiting.result;
    }

    @Override
    public void projected(long projected) {
        if (projected == ProjectionListener.UNKNOWN) {
            submit(this::look);
        } else if (projected >= position) {
            submit(this::finish);
        }
    }

    private void look() {
        if (!done.get() && reader.watermark(token) >= position) {
            finish();
        }
    }

    private void finish() {
        if (done.compareAndSet(false, true)) {
            release();
            result.setResult(reader.page(token, pull));
        }
    }

    private void submit(Runnable work) {
        try {
            executors.readers().execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) { // 503 for an unreachable database, as any pull
                    done.set(true);
                    release();
                    result.setErrorResult(e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            done.set(true);
            release();
            result.setErrorResult(new ServiceUnavailableException("this instance is stopping; retry", Duration.ofSeconds(1),
                    stopping));
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            if (subscription != null) {
                subscription.close();
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
            permit.close();
        }
    }
}
