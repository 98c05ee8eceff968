package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.Session;
import io.contextstore.client.sync.Drainer;
import io.contextstore.client.sync.SyncLock;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.sync.SyncReport;
import io.contextstore.client.sync.Synchronizer;
import io.contextstore.client.sync.Watcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ctx sync} (drain, then pull) and {@code ctx pull} (pull only): one class, two names. */
@Command(mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class SyncCommand implements Callable<Integer> {

    @Option(names = "--batch-size", description = "Items per batch push, 1 to 1000 (default 1000).")
    int batchSize = Drainer.MAX_BATCH;

    @Option(names = "--background", description = "As started by `ctx hook --sync`: skip if a sync is running,"
            + " respect each item's backoff, no progress display.")
    boolean background;

    @Option(names = "--server", description = "Use this base URL instead of the one stored at login.")
    String server;

    @Option(names = "--watch", description = "Keep running: pull as the server streams new events, send the queue as"
            + " items are recorded; reconnect with backoff when the server goes away. Stop with Ctrl-C.")
    boolean watch;

    @Mixin
    OutputOptions output;

    private final Cli cli;
    private final boolean push;

    SyncCommand(Cli cli, boolean push) {
        this.cli = cli;
        this.push = push;
    }

    static CommandLine commandLine(Cli cli, boolean push) {
        CommandLine line = new CommandLine(new SyncCommand(cli, push));
        line.getCommandSpec().name(push ? "sync" : "pull");
        line.getCommandSpec().usageMessage().description(push
                ? new String[] {"Send the queue (batch push), then pull what changed on your other devices and in your team.",
                        "Each tier's rows and its cursor are committed together; local rows are never deleted."}
                : new String[] {"Pull only: what changed since each tier's stored cursor; the queue is not sent."});
        return line;
    }

    @Override
    public Integer call() {
        try (LocalContext context = cli.open()) {
            if (watch) {
                return watch(context);
            }
            return run(cli, context, push, true, output.json, background, batchSize, server);
        }
    }

    /** {@code --watch}: until the process is told to stop, which lets the sync under way finish first. */
    private int watch(LocalContext context) {
        Session session = context.session(server);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onExit = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ctx-watch-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            watch(cli, context, session, push, batchSize, report -> print(cli, report, output.json, true), stop::get);
        } finally {
            finished.countDown();
        }
        return ExitCodes.OK;
    }

    /**
     * Keeps the tiers current from the live stream and sends the queue as items are recorded, until {@code stopped}:
     * {@code ctx sync --watch}, and {@code ctx mcp} while it serves. Each sync runs under the sync lock, as any other.
     */
    static void watch(Cli cli, LocalContext context, Session session, boolean push, int batchSize,
                      Consumer<SyncReport> synced, BooleanSupplier stopped) {
        Watcher.Syncs syncs = (sendQueue, pull) -> {
            try (SyncLock held = SyncLock.acquire(context.home().syncLock())) {
                SyncReport report = context.sync(session, new Synchronizer.Options(sendQueue && push, pull, true, batchSize),
                        SyncObserver.NONE);
                synced.accept(report);
                return report;
            }
        };
        new Watcher(session, context::tier, context.queue(), syncs, Watcher.Settings.standard(cli.random()), cli.clock(),
                cli.err()::println).run(stopped);
    }

    /** {@code ctx push --sync} runs a whole sync through here. */
    static int sync(Cli cli, LocalContext context, boolean push, boolean pull, boolean json) {
        return run(cli, context, push, pull, json, false, Drainer.MAX_BATCH, null);
    }

    private static int run(Cli cli, LocalContext context, boolean push, boolean pull, boolean json, boolean background,
                           int batchSize, String server) {
        Optional<SyncLock> lock = SyncLock.tryAcquire(context.home().syncLock());
        if (lock.isEmpty()) {
            if (background) {
                return ExitCodes.OK; // the running sync will pick up what was just queued, or the next one will
            }
            cli.err().println("another sync is running; waiting for it ...");
            lock = Optional.of(SyncLock.acquire(context.home().syncLock()));
        }
        try (SyncLock held = lock.get()) {
            Session session = context.session(server);
            TerminalProgress progress = new TerminalProgress(cli.err(), cli.terminal() && !json && !background);
            SyncReport report;
            try {
                report = context.sync(session, new Synchronizer.Options(push, pull, background, batchSize), progress);
            } finally {
                progress.finish();
            }
            print(cli, report, json, background);
            if (report.stoppedBecause() != null) {
                return ExitCodes.UNAVAILABLE;
            }
            return report.queueAfter().dead() > 0 ? ExitCodes.DEAD_ITEMS : ExitCodes.OK;
        }
    }

    private static void print(Cli cli, SyncReport report, boolean json, boolean background) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (report.drain() != null) {
                out.put("sent", report.drain().acknowledged());
                out.put("created", report.drain().created());
                out.put("dead", report.drain().dead());
            }
            if (report.pull() != null) {
                out.put("pulled", report.pull().events());
                out.put("watermark", report.pull().watermark());
            }
            out.put("pending", report.queueAfter().pending());
            out.put("dead_in_queue", report.queueAfter().dead());
            out.put("stopped_because", report.stoppedBecause());
            cli.printJson(out);
            return;
        }
        StringBuilder line = new StringBuilder(background ? cli.clock().instant() + " " : "");
        if (report.drain() != null) {
            line.append("sent ").append(report.drain().acknowledged()).append(" (")
                    .append(report.drain().created()).append(" new)");
            if (report.drain().dead() > 0) {
                line.append(", ").append(report.drain().dead()).append(" refused");
            }
            line.append("; ");
        }
        if (report.pull() != null) {
            line.append("pulled ").append(report.pull().events()).append(" events; ");
        }
        line.append(report.queueAfter().pending()).append(" pending, ").append(report.queueAfter().dead()).append(" dead");
        cli.out().println(line);
        if (report.stoppedBecause() != null) {
            cli.err().println("ctx: stopped: " + report.stoppedBecause() + " (queued items stay queued; run ctx sync later)");
        }
        if (report.queueAfter().dead() > 0 && !background) {
            cli.err().println("ctx: dead items need attention: ctx queue list --dead");
        }
    }
}
