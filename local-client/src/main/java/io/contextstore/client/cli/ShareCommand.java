package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.AuthenticationFailed;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.items.Item;
import io.contextstore.client.queue.QueuedItem;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.sync.Drainer;
import io.contextstore.client.sync.PushOutcome;
import io.contextstore.client.sync.SyncLock;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.sync.Synchronizer;
import io.contextstore.events.FieldRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "share", mixinStandardHelpOptions = true,
        description = {"Share one of your personal items (a message, or an item pushed --personal) with a project's",
                "members or the whole tenant.",
                "The share is queued durably, like a push, then sent at once when the server is reachable (the server",
                "records a new event naming the item; the personal one stays); offline, the next `ctx sync` sends it.",
                "A share sent twice is one share. ID is the server's event id, as `ctx search` and `ctx list` print it."},
        footer = {"", ExitCodes.HELP})
final class ShareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Where to: a project (the one the item names, or another the user is in), or everyone. */
    static final class Target {
        @Option(names = "--project", description = {"The members of this project: the one the item names, or another you",
                "are in (an item of a restricted project stays with that project's members)."})
        String project;

        @Option(names = "--tenant", description = "Every member of the tenant.")
        boolean tenant;
    }

    @Mixin
    OutputOptions output;

    private final Cli cli;

    ShareCommand(Cli cli) {
        this.cli = cli;
    }

    /** What the queue's drain said of the share's queue item: the server's answer for it, or why it died. */
    private static final class Watch implements SyncObserver {
        private final long queueId;
        private PushOutcome.Ack ack;
        private String refused;

        Watch(long queueId) {
            this.queueId = queueId;
        }

        @Override
        public void answered(List<QueuedItem> batch, PushOutcome outcome) {
            if (outcome instanceof PushOutcome.Acknowledged acks) {
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).id() == queueId) {
                        ack = acks.results().get(i);
                    }
                }
            }
        }

        @Override
        public void dead(QueuedItem item, String reason) {
            if (item.id() == queueId) {
                refused = reason;
            }
        }
    }

    @Override
    public Integer call() {
        try (LocalContext context = cli.open()) {
            LocalSearch search = new LocalSearch(context);
            Optional<Entry> found = ShowCommand.find(cli, search, id);
            if (found.isEmpty()) {
                return ExitCodes.FAILURE;
            }
            Entry entry = found.get();
            // the row as it was pushed (its kind, project and fields: the same content), already redacted then
            Item share = Item.of(entry.kind(), fields(entry, search.fields(entry)), null).sharing(id, scope(entry));
            long queueId = context.queue().enqueue(share);
            Watch watch = new Watch(queueId);
            String unavailable = deliver(context, watch);
            String where = target.tenant ? "the tenant" : "project " + target.project;
            if (watch.refused != null) { // told now, so not kept dead in the queue: nothing was shared
                context.queue().dropDead(List.of(queueId));
                cli.err().println("ctx: share refused: " + watch.refused);
                return ExitCodes.FAILURE;
            }
            if (watch.ack == null) {
                if (output.json) {
                    cli.printJson(Map.of("status", "queued", "queue_id", queueId));
                } else {
                    cli.out().println("queued #" + queueId + ": share of " + id + " with " + where + " ("
                            + (unavailable == null ? "not sent yet" : unavailable) + "); the next ctx sync sends it");
                }
                return ExitCodes.OK;
            }
            if (output.json) {
                cli.printJson(Map.of("status", watch.ack.status(), "id", watch.ack.id(), "cursor", watch.ack.cursor()));
            } else {
                cli.out().println(("duplicate".equals(watch.ack.status()) ? "already shared " : "shared ") + id + " with "
                        + where + " as " + watch.ack.id());
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Sends the queue now (the share with whatever else is pending), as {@code ctx push --sync} would; returns why the
     * server could not be reached, or null. Another sync running takes the share with it.
     */
    private static String deliver(LocalContext context, Watch watch) {
        Optional<SyncLock> lock = SyncLock.tryAcquire(context.home().syncLock());
        if (lock.isEmpty()) {
            return "another sync is running";
        }
        try (SyncLock held = lock.get()) {
            return context.sync(context.session(null), new Synchronizer.Options(true, false, false, Drainer.MAX_BATCH),
                    watch).stoppedBecause();
        } catch (ServerUnavailable | AuthenticationFailed e) {
            return e.getMessage();
        }
    }

    /** The share's scope: the project the item names, another project, or the tenant. */
    private Item.Scope scope(Entry entry) {
        if (target.tenant) {
            return Item.Scope.of("tenant");
        }
        return target.project.equals(entry.project()) ? Item.Scope.of("project") : new Item.Scope("project", target.project);
    }

    /** The kind's fields of the row, and its project. */
    private static Map<String, Object> fields(Entry entry, Map<String, Object> row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project_id", entry.project());
        for (FieldRule field : entry.kind().event().fields()) {
            fields.put(field.name(), row.get(field.name()));
        }
        return fields;
    }
}
