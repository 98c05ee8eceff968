package io.contextstore.query.live;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.query.pull.EventReader;
import io.contextstore.query.pull.decision.PullRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Streams that would read the same page read it once (ADR 38). The projector wakes every stream of a tenant at
 * the same commit, and a user's devices follow it from the same position, so they ask for the same page at the same
 * moment; they share its rendering as well. A page is shared only between callers the database answers alike — same tenant, user and role, which are
 * what its policies read — and only while it is being read or for {@link #RETAIN} after, and only if it reaches the
 * position that woke the asking stream. A membership change therefore shows on streams at most that much later than
 * on the next pull.
 */
final class SharedReads {

    static final Duration RETAIN = Duration.ofMillis(100);
    private static final int SWEEP_ABOVE = 4096;

    private record Key(UUID tenant, String user, AccessToken.Role role, PullRequest request) {
    }

    private record Read(CompletableFuture<StreamPage> page, long startedNanos) {
    }

    /** The read that is shared: {@link EventReader#page}, rendered for the wire. */
    interface Pages {
        StreamPage page(AccessToken token, PullRequest request);
    }

    private final Pages reader;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Key, Read> reads = new ConcurrentHashMap<>();

    SharedReads(Pages reader, LongSupplier nanoTime) {
        this.reader = reader;
        this.nanoTime = nanoTime;
    }

    /**
     * The page at {@code request}'s cursor, as {@code token} sees it, reaching at least {@code position} if it can.
     * Read on the calling thread, unless a read it may share is under way or just done: then that read's page,
     * completed when it is, so the caller holds no thread while it waits.
     */
    CompletableFuture<StreamPage> page(AccessToken token, PullRequest request, long position) {
        Key key = new Key(token.tenantId(), token.userId(), token.role(), request);
        Read mine = new Read(new CompletableFuture<>(), nanoTime.getAsLong());
        Read shared = reads.compute(key, (k, current) -> usable(current, position) ? current : mine);
        if (shared != mine) {
            return shared.page();
        }
        try {
            mine.page().complete(reader.page(token, request));
        } catch (RuntimeException e) {
            mine.page().completeExceptionally(e);
            reads.remove(key, mine);
        } finally {
            if (reads.size() > SWEEP_ABOVE) {
                reads.values().removeIf(read -> read.page().isDone() && !fresh(read));
            }
        }
        return mine.page();
    }

    /** Under way (it may fall short of the position; the stream then reads on), or done lately and far enough. */
    private boolean usable(Read read, long position) {
        if (read == null) {
            return false;
        }
        if (!read.page().isDone()) {
            return true;
        }
        return fresh(read) && !read.page().isCompletedExceptionally() && read.page().join().watermark() >= position;
    }

    private boolean fresh(Read read) {
        return nanoTime.getAsLong() - read.startedNanos() <= RETAIN.toNanos();
    }
}
