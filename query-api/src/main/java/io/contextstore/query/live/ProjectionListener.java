package io.contextstore.query.live;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ProjectionSignal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One {@code LISTEN} connection per query API instance, fanning the projector's commit signals out to the
 * streams and waiting pulls of each tenant (ADR 38). Nothing polls per connection: a subscriber is called
 * when its tenant moved, and must only hand work to an executor. While the connection is down signals are
 * lost, so on every (re)connect every subscriber is told to look again ({@link #UNKNOWN}). When the reads go to a
 * streaming replica, it listens on the primary all the same (a hot standby refuses LISTEN) and passes each signal on
 * only once the replica has replayed it ({@link ReplayGate}).
 */
public final class ProjectionListener implements SmartLifecycle {

    /** A position that says only "something may have changed": read again to find out. */
    public static final long UNKNOWN = Long.MAX_VALUE;

    /** Told that its tenant's projection reached {@code position}; must not block. */
    public interface Subscriber {
        void projected(long position);
    }

    /** Ends a subscription; idempotent. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DatabaseSettings settings;
    private final Duration check;
    private final Database replica;
    private ReplayGate gate;
    private final ConcurrentHashMap<UUID, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    /**
     * @param settings the primary, where the projector commits and notifies
     * @param replica  the streaming replica the reads go to, or null when they go to the primary
     */
    public ProjectionListener(DatabaseSettings settings, Duration check, Database replica) {
        this.settings = settings;
        this.check = check;
        this.replica = replica;
    }

    public Subscription subscribe(UUID tenant, Subscriber subscriber) {
        subscribers.compute(tenant, (t, set) -> {
            Set<Subscriber> held = set == null ? ConcurrentHashMap.newKeySet() : set;
            held.add(subscriber);
            return held;
        });
        return () -> subscribers.computeIfPresent(tenant, (t, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public synchronized void start() {
        running = true;
        if (replica != null) {
            gate = new ReplayGate(replica, new ReplayGate.Sink() {
                @Override
                public void dispatch(UUID tenant, long position) {
                    ProjectionListener.this.dispatch(tenant, position);
                }

                @Override
                public void wakeAll() {
                    ProjectionListener.this.wakeAll();
                }
            });
        }
        thread = new Thread(this::listen, "projection-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.abort(Runnable::run); // unblocks the wait for notifications at once
            } catch (SQLException | RuntimeException e) {
                log.debug("Closing the listening connection failed", e);
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
        if (gate != null) {
            gate.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long backoff = TimeUnit.MILLISECONDS.toNanos(100);
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + ProjectionSignal.CHANNEL);
                }
                backoff = TimeUnit.MILLISECONDS.toNanos(100);
                if (gate == null) {
                    wakeAll(); // whatever was committed while nobody listened
                } else {
                    gate.wakeAll(primaryPosition(listening));
                }
                receive(listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                // the class only: a driver message may quote connection details
                log.warn("Listening for projection signals failed ({}); reconnecting", e.getClass().getSimpleName());
                LockSupport.parkNanos(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toNanos());
            } finally {
                connection = null;
            }
        }
    }

    private void receive(Connection listening) throws SQLException {
        PGConnection pg = listening.unwrap(PGConnection.class);
        int timeout = (int) Math.max(1, check.toMillis());
        while (running) {
            PGNotification[] notifications = pg.getNotifications(timeout);
            if (notifications == null || notifications.length == 0) {
                try (Statement statement = listening.createStatement()) {
                    statement.execute("SELECT 1"); // a quiet connection may be a dead one
                }
                continue;
            }
            String primaryLsn = gate == null ? null : primaryPosition(listening);
            for (PGNotification notification : notifications) {
                ProjectionSignal.parse(notification.getParameter()).ifPresent(s -> {
                    if (gate == null) {
                        dispatch(s.tenant(), s.position());
                    } else {
                        gate.signal(s.tenant(), s.position(), primaryLsn);
                    }
                });
            }
        }
    }

    /** The primary's WAL position now: past the commit of every signal already received (NOTIFY comes after commit). */
    private static String primaryPosition(Connection listening) throws SQLException {
        try (Statement statement = listening.createStatement();
             java.sql.ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            row.next();
            return row.getString(1);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.username());
        properties.setProperty("password", settings.password());
        properties.setProperty("ApplicationName", "query-api-listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectionTimeout().toSeconds())));
        return DriverManager.getConnection(settings.url(), properties);
    }

    private void dispatch(UUID tenant, long position) {
        Set<Subscriber> set = subscribers.get(tenant);
        if (set != null) {
            set.forEach(subscriber -> tell(subscriber, position));
        }
    }

    private void wakeAll() {
        subscribers.values().forEach(set -> set.forEach(subscriber -> tell(subscriber, UNKNOWN)));
    }

    private static void tell(Subscriber subscriber, long position) {
        try {
            subscriber.projected(position);
        } catch (RuntimeException e) {
            log.warn("A subscriber failed on a projection signal ({})", e.getClass().getSimpleName());
        }
    }
}
