package io.contextstore.client.sync;

import io.contextstore.client.auth.AuthenticationFailed;
import io.contextstore.client.auth.Session;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.tiers.Edits;
import io.contextstore.client.tiers.PulledEvent;
import io.contextstore.client.tiers.Purge;
import io.contextstore.client.tiers.RowWriter;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pulls each tier's kinds from that tier's own cursor, page by page until {@code has_more=false}.
 * Each page's rows and the cursor after it commit in one transaction of that tier's file, so a crash
 * between pages loses nothing and repeats nothing. Rows are only added or confirmed, and deleted only when
 * the page says their user was erased (ADR 33) or the user lost a project (ADR 36: {@link ProjectScopes}).
 */
public final class Puller {

    public static final List<Tier> PULLED_TIERS = List.of(Tier.ORG, Tier.SESSIONS, Tier.PROJECTS);
    static final String CURSOR = "cursor";
    private static final int PAGE_SIZE = 1_000;
    private static final int WAIT_MILLIS = 5_000;

    /** What a pull applied; {@code watermark} is the largest the server reported. */
    public record Result(int events, long watermark) {
    }

    private final Function<Tier, TierDatabase> tiers;
    private final Session session;
    private final SyncObserver observer;
    private final Clock clock;

    public Puller(Function<Tier, TierDatabase> tiers, Session session, SyncObserver observer, Clock clock) {
        this.tiers = tiers;
        this.session = session;
        this.observer = observer;
        this.clock = clock;
    }

    /** @param waitFor the cursor of this device's last push, so the pull includes its own writes; -1 for none */
    public Result pull(long waitFor) {
        int total = 0;
        long watermark = -1;
        for (Tier tier : PULLED_TIERS) {
            TierDatabase database = tiers.apply(tier);
            String stored = database.state(CURSOR);
            long cursor = stored == null ? 0 : Long.parseLong(stored);
            String kinds = Edits.pulledKinds(tier).stream().map(Kind::wireName).collect(Collectors.joining(","));
            boolean first = true;
            while (true) {
                String query = "/api/v1/context/pull?cursor=" + cursor + "&limit=" + PAGE_SIZE + "&kinds=" + kinds
                        + (first && waitFor >= 0 ? "&wait_for=" + waitFor + "&timeout_ms=" + WAIT_MILLIS : "");
                PullPage page = fetch(query);
                first = false;
                if (page.nextCursor() < cursor) {
                    throw new IllegalStateException("the server moved the " + tier.fileName() + " cursor back from "
                            + cursor + " to " + page.nextCursor() + "; nothing applied");
                }
                apply(database, tier, page);
                cursor = page.nextCursor();
                total += page.events().size();
                watermark = Math.max(watermark, page.watermark());
                observer.pulled(tier, page.events().size(), cursor);
                if (page.unknownKinds() > 0) {
                    observer.warning(page.unknownKinds() + " events of kinds this ctx does not know were skipped");
                }
                if (!page.hasMore()) {
                    break;
                }
            }
            total += backfill(database, tier, kinds);
        }
        return new Result(total, watermark);
    }

    /** Pulls again, from the beginning, each project this tier gained or lost (ADR 36, {@link ProjectScopes}). */
    private int backfill(TierDatabase database, Tier tier, String kinds) {
        int pulled = 0;
        for (ProjectScopes.Backfill pending : database.read(ProjectScopes::pending)) {
            ProjectScopes.Backfill backfill = pending;
            while (true) {
                PullPage page = fetch("/api/v1/context/pull?cursor=" + backfill.from() + "&limit=" + PAGE_SIZE + "&kinds="
                        + kinds + "&project_id=" + URLEncoder.encode(backfill.project(), StandardCharsets.UTF_8));
                ProjectScopes.Backfill current = backfill;
                database.inTransaction(c -> {
                    writeRows(c, tier, page);
                    ProjectScopes.advance(c, current, page.nextCursor(), page.hasMore());
                    return null;
                });
                pulled += page.events().size();
                if (!page.hasMore() || page.nextCursor() >= backfill.until()) {
                    break;
                }
                backfill = new ProjectScopes.Backfill(backfill.project(), page.nextCursor(), backfill.until());
            }
        }
        return pulled;
    }

    private void apply(TierDatabase database, Tier tier, PullPage page) {
        String now = clock.instant().toString();
        int purged = database.inTransaction(c -> {
            writeRows(c, tier, page);
            int rows = 0;
            for (PullPage.Erasure erasure : page.erasures()) {
                rows += Purge.apply(c, tier, erasure.userId(), erasure.offset());
            }
            rows += ProjectScopes.apply(c, tier, page.projects(), page.nextCursor(), session.credentials().userId());
            TierDatabase.setState(c, CURSOR, Long.toString(page.nextCursor()));
            TierDatabase.setState(c, "last_pull_at", now);
            return rows;
        });
        if (purged > 0) {
            database.truncateLog(); // the log still holds the pages as they were before the purge
        }
    }

    private static void writeRows(Connection c, Tier tier, PullPage page) throws SQLException {
        try (RowWriter rows = new RowWriter(c)) {
            for (PulledEvent event : page.events()) {
                Edits.pulled(c, tier, event); // before the row: a revert has the content of a version it replaces
                if (event.kind().tier() == tier) {
                    rows.pulled(event);
                }
            }
        }
    }

    private PullPage fetch(String query) {
        HttpAnswer answer = session.api().get(query, session.token());
        if (answer.status() == 401) {
            session.refresh();
            answer = session.api().get(query, session.token());
            if (answer.status() == 401) {
                throw new AuthenticationFailed("the server refused a fresh token: " + answer.problem().describe());
            }
        }
        if (answer.unavailable()) {
            throw new ServerUnavailable("pull: " + answer.problem().describe(), null);
        }
        if (!answer.successful()) {
            throw new IllegalStateException("pull refused: " + answer.problem().describe());
        }
        try {
            return PullPage.parse(answer.body());
        } catch (JsonException e) {
            throw new ServerUnavailable("pull: unexpected answer from the server (" + e.getMessage() + ")", e);
        }
    }
}
