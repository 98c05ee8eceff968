package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.sync.Drainer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While {@code ctx mcp} serves, its tiers follow the live stream and what its tools record is sent as it is queued
 * (issue 15), so an assistant's search sees a teammate's decision moments after it was pushed, without a
 * {@code ctx sync}. Not logged in, it serves what this machine holds. Its reports go to stderr, the server's log.
 */
final class LiveTiers implements AutoCloseable {

    /** Serving without it: {@code ctx mcp --no-watch}. */
    static final LiveTiers NONE = new LiveTiers();

    private static final long STOP_WAIT_SECONDS = 10;

    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread watching;

    static LiveTiers start(Cli cli, LocalContext context) {
        if (context.credentials().isEmpty()) {
            cli.err().println("ctx mcp: not logged in: serving what this machine holds (ctx login to keep it live)");
            return NONE;
        }
        LiveTiers live = new LiveTiers();
        live.watching = new Thread(() -> {
            try {
                SyncCommand.watch(cli, context, context.session(null), true, Drainer.MAX_BATCH, report -> { },
                        live.stop::get);
            } catch (RuntimeException e) { // a revoked key, a damaged tier: the tools keep serving what is here
                cli.err().println("ctx mcp: live sync stopped: " + e.getMessage());
            }
        }, "ctx-mcp-live");
        live.watching.setDaemon(true);
        live.watching.start();
        return live;
    }

    @Override
    public void close() throws InterruptedException {
        if (watching != null) {
            stop.set(true);
            watching.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS)); // lets a sync under way finish before the tiers close
        }
    }
}
