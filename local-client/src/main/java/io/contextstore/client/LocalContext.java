package io.contextstore.client;

import io.contextstore.client.auth.AuthenticationFailed;
import io.contextstore.client.auth.CredentialStore;
import io.contextstore.client.auth.Credentials;
import io.contextstore.client.auth.Session;
import io.contextstore.client.http.ContextApi;
import io.contextstore.client.items.Item;
import io.contextstore.client.queue.Backoff;
import io.contextstore.client.queue.SyncQueue;
import io.contextstore.client.redaction.ItemRedaction;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.sync.SyncReport;
import io.contextstore.client.sync.Synchronizer;
import io.contextstore.client.tiers.RowWriter;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The local client as a library: the tier files of one client home (opened on first use, so the
 * editor hook opens only sessions.db), the queue, login and sync.
 */
public final class LocalContext implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ClientHome home;
    private final Clock clock;
    private final RandomGenerator random;
    private final CredentialStore credentialStore;
    private final Map<Tier, TierDatabase> open = new EnumMap<>(Tier.class);
    /** One lock for this context's tiers: {@code ctx mcp} uses them from its tools and its live sync at once. */
    private final ReentrantLock tierAccess = new ReentrantLock();
    private SyncQueue queue;
    private ItemRedaction redaction;

    private LocalContext(ClientHome home, Clock clock, RandomGenerator random) {
        this.home = home;
        this.clock = clock;
        this.random = random;
        this.credentialStore = new CredentialStore(home.credentials());
    }

    public static LocalContext open(ClientHome home, Clock clock, RandomGenerator random) {
        return new LocalContext(home.ensureExists(), clock, random);
    }

    public ClientHome home() {
        return home;
    }

    public Clock clock() {
        return clock;
    }

    public synchronized TierDatabase tier(Tier tier) {
        return open.computeIfAbsent(tier, t -> TierDatabase.open(home.directory(), t, tierAccess));
    }

    /**
     * The tier, if its file exists: for reads, which find nothing in a tier not created yet and should not create it
     * (a machine that never pulled has no org.db).
     */
    public Optional<TierDatabase> existingTier(Tier tier) {
        return Files.exists(home.directory().resolve(tier.fileName())) ? Optional.of(tier(tier)) : Optional.empty();
    }

    public synchronized SyncQueue queue() {
        if (queue == null) {
            queue = new SyncQueue(tier(Tier.SESSIONS), clock, Backoff.standard(random));
        }
        return queue;
    }

    public Optional<Credentials> credentials() {
        return credentialStore.load();
    }

    /**
     * The one way into the queue and the tiers (ADR 31): secrets in the items' texts replaced by
     * {@code [REDACTED:<rule>]}, minus what the home's allowlist names. Hash the items it returns, never the
     * ones it was given; {@link ItemRedaction.Result#count} records the counts in the queue's transaction.
     */
    public ItemRedaction.Result redact(List<Item> items) {
        synchronized (this) {
            if (redaction == null) {
                redaction = ItemRedaction.withAllowlist(home.redactionAllowlist());
            }
        }
        return redaction.redact(items);
    }

    /** Writes one item: to the queue first (durable when this returns), then to its tier. Returns its queue id. */
    public long record(Item item) {
        return recordAll(List.of(item)).get(0);
    }

    /**
     * Writes items, {@linkplain #redact redacted}: all queue rows in one durable transaction of sessions.db, together with the rows of
     * session-tier kinds; rows of other tiers follow in their own files (a crash in between loses
     * nothing: the pull brings them once the queue has sent them).
     */
    public List<Long> recordAll(List<Item> given) {
        ItemRedaction.Result redacted = redact(given);
        List<Item> items = redacted.items();
        Optional<Credentials> who = credentials();
        String user = who.map(Credentials::userId).orElse(null);
        String device = who.map(Credentials::deviceId).orElse(null);
        long now = clock.millis();
        List<String> hashes = items.stream().map(Item::contentHash).toList();
        List<Long> ids = tier(Tier.SESSIONS).inTransaction(c -> {
            List<Long> queued = new ArrayList<>(items.size());
            redacted.count(c);
            try (RowWriter rows = new RowWriter(c)) {
                for (int i = 0; i < items.size(); i++) {
                    queued.add(SyncQueue.enqueueIn(c, items.get(i), hashes.get(i), now));
                    if (items.get(i).kind().tier() == Tier.SESSIONS) {
                        rows.local(items.get(i), hashes.get(i), user, device);
                    }
                }
            }
            return queued;
        });
        for (Tier tier : List.of(Tier.ORG, Tier.PROJECTS)) {
            if (items.stream().anyMatch(item -> item.kind().tier() == tier)) {
                tier(tier).inTransaction(c -> {
                    try (RowWriter rows = new RowWriter(c)) {
                        for (int i = 0; i < items.size(); i++) {
                            if (items.get(i).kind().tier() == tier) {
                                rows.local(items.get(i), hashes.get(i), user, device);
                            }
                        }
                    }
                    return null;
                });
            }
        }
        return ids;
    }

    /**
     * License key to token; the credentials file and the account row of platform.db are written on
     * success. A home belongs to one user of one tenant: its cursors and its queue are theirs, so a
     * login as someone else is refused before anything is written.
     */
    public Credentials login(String server, String licenseKey, String deviceId) {
        return remember(authenticate(server, licenseKey, deviceId, clock));
    }

    /** License key to token, writing nothing: a new profile is created only once its login succeeded (ADR 37). */
    public static Credentials authenticate(String server, String licenseKey, String deviceId, Clock clock) {
        return Session.login(new ContextApi(server, REQUEST_TIMEOUT), licenseKey, deviceId, clock);
    }

    /** Keeps {@code credentials} as this home's login, unless the home already holds another user's context. */
    public Credentials remember(Credentials credentials) {
        String owner = tier(Tier.PLATFORM).read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT tenant_id || ' ' || user_id FROM account WHERE id = 1");
                 java.sql.ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
        if (owner != null && !owner.equals(credentials.tenantId() + " " + credentials.userId())) {
            throw new IllegalStateException(home.directory() + " holds the context of user " + owner.split(" ")[1]
                    + " of tenant " + owner.split(" ")[0] + "; log in to another profile for " + credentials.userId()
                    + " (ctx login --profile NAME), or use another CTX_HOME");
        }
        credentialStore.save(credentials);
        tier(Tier.PLATFORM).inTransaction(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO account (id, server, tenant_id, user_id,"
                    + " device_id, logged_in_at) VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET server = excluded.server,"
                    + " tenant_id = excluded.tenant_id, user_id = excluded.user_id, device_id = excluded.device_id,"
                    + " logged_in_at = excluded.logged_in_at")) {
                upsert.setString(1, credentials.server());
                upsert.setString(2, credentials.tenantId());
                upsert.setString(3, credentials.userId());
                upsert.setString(4, credentials.deviceId());
                upsert.setString(5, clock.instant().toString());
                upsert.executeUpdate();
            }
            return null;
        });
        return credentials;
    }

    /** The session of the stored login; {@code server} overrides its base URL when not null. */
    public Session session(String server) {
        return session(server, REQUEST_TIMEOUT);
    }

    /** The same, with requests that give up after {@code timeout} (for answers only worth having quickly). */
    public Session session(String server, Duration timeout) {
        Credentials credentials = credentials().orElseThrow(() -> new AuthenticationFailed("not logged in: run ctx login first"));
        String base = server == null ? credentials.server() : server;
        return new Session(credentialStore, credentials, new ContextApi(base, timeout), clock);
    }

    public SyncReport sync(Session session, Synchronizer.Options options, SyncObserver observer) {
        return new Synchronizer(this::tier, queue(), clock).run(session, options, observer);
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (TierDatabase database : open.values()) {
            try {
                database.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
