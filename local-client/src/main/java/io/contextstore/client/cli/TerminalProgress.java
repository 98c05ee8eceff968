package io.contextstore.client.cli;

import io.contextstore.client.queue.QueuedItem;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.tiers.Tier;
import java.io.PrintStream;

/** Progress of a long sync on a terminal: one line rewritten in place on stderr; warnings on lines of their own. */
final class TerminalProgress implements SyncObserver {

    private final PrintStream err;
    private final boolean live;
    private long total;
    private long sent;
    private long dead;
    private long pulled;

    TerminalProgress(PrintStream err, boolean live) {
        this.err = err;
        this.live = live;
    }

    @Override
    public void draining(long pending) {
        total = pending;
    }

    @Override
    public void acknowledged(int items) {
        sent += items;
        show("sent " + sent + "/" + total + (dead > 0 ? ", dead " + dead : ""));
    }

    @Override
    public void dead(QueuedItem item, String reason) {
        dead++;
        line("item #" + item.id() + " refused: " + reason);
    }

    @Override
    public void warning(String message) {
        line("warning: " + message);
    }

    @Override
    public void pulled(Tier tier, int events, long cursor) {
        pulled += events;
        show("pulled " + pulled + " events (" + tier.fileName() + " at cursor " + cursor + ")");
    }

    void finish() {
        if (live) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private void show(String text) {
        if (live) {
            err.print("\r\033[K" + text);
            err.flush();
        }
    }

    private void line(String text) {
        finish();
        err.println(text);
    }
}
