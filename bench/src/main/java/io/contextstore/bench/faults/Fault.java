package io.contextstore.bench.faults;

import io.contextstore.embedded.KafkaBroker;
import io.contextstore.events.topic.Topics;
import io.contextstore.stack.cluster.ClusterProcess;
import io.contextstore.stack.cluster.ClusterTopology;
import java.time.Duration;

/**
 * One fault of the campaign: {@link #inject} breaks something and returns how to heal it; the campaign holds the
 * fault for {@link #hold()} under load, heals it, and then measures and checks. Each is what issue 17 names.
 */
sealed interface Fault {

    /** A short name for the table and the chart. */
    String name();

    /** What exactly is done, for the table's reader. */
    String what();

    /** How long the fault lasts before it is healed. */
    Duration hold();

    Heal inject(ClusterTopology cluster);

    /** Undoes a fault; waits until the part is back (a restarted node serving, a service ready). */
    interface Heal {
        void heal();
    }

    /** kill -9 of the leader of the busiest partition; restarted with the same id and log once the hold is over. */
    record LeaderKill(int partition) implements Fault {
        public String name() {
            return "leader broker killed";
        }

        public String what() {
            return "kill -9 of the broker leading partition " + partition + " (the busiest), restarted after the hold";
        }

        public Duration hold() {
            return Duration.ofSeconds(20);
        }

        public Heal inject(ClusterTopology cluster) {
            KafkaBroker leader = cluster.kafka().leaderOf(Topics.CONTEXT_EVENTS.name(), partition);
            leader.kill();
            return () -> {
                leader.start();
                cluster.kafka().awaitBrokers(cluster.kafka().size());
            };
        }
    }

    /** A broker cut off from everyone (its packets dropped by iptables in the campaign's network namespace). */
    record BrokerPartition(int partition) implements Fault {
        public String name() {
            return "broker partitioned";
        }

        public String what() {
            return "every packet the broker leading partition " + partition + " sends is dropped (iptables), healed after the hold";
        }

        public Duration hold() {
            return Duration.ofSeconds(30);
        }

        public Heal inject(ClusterTopology cluster) {
            KafkaBroker leader = cluster.kafka().leaderOf(Topics.CONTEXT_EVENTS.name(), partition);
            NetworkCut cut = NetworkCut.of(leader);
            return cut::heal;
        }
    }

    /** SIGSTOP of a projector past its session timeout: the group moves on, and the thawed zombie must be fenced. */
    record ProjectorZombie(String projector, Duration sessionTimeout) implements Fault {
        public String name() {
            return "projector frozen (zombie)";
        }

        public String what() {
            return "SIGSTOP of " + projector + " for its session timeout (" + sessionTimeout.toSeconds()
                    + " s) and 8 s more, then SIGCONT";
        }

        public Duration hold() {
            return sessionTimeout.plusSeconds(8);
        }

        public Heal inject(ClusterTopology cluster) {
            ClusterProcess frozen = cluster.service(projector);
            frozen.pause();
            return frozen::resume;
        }
    }

    /** kill -9 of an ingest instance while requests are in flight; restarted after the hold. */
    record IngestKill(String instance) implements Fault {
        public String name() {
            return "ingest instance killed";
        }

        public String what() {
            return "kill -9 of " + instance + " mid-request (requests in flight), restarted after the hold";
        }

        public Duration hold() {
            return Duration.ofSeconds(15);
        }

        public Heal inject(ClusterTopology cluster) {
            ClusterProcess ingest = cluster.service(instance);
            ingest.kill();
            return () -> {
                ingest.restart();
                cluster.awaitReady(ingest);
            };
        }
    }

    /** An immediate stop (no checkpoint, crash recovery at the next start) of the PostgreSQL primary. */
    record PrimaryRestart() implements Fault {
        public String name() {
            return "PostgreSQL primary restarted";
        }

        public String what() {
            return "immediate stop of the primary (pg_ctl -m immediate: no checkpoint, crash recovery at start), started again after the hold";
        }

        public Duration hold() {
            return Duration.ofSeconds(10);
        }

        public Heal inject(ClusterTopology cluster) {
            cluster.primary().stopImmediately();
            return cluster.primary()::start;
        }
    }

    /** The replica stops replaying WAL while the load goes on: reads from it fall behind, and must say so. */
    record ReplicaLag(ReplicaProbe probe) implements Fault {
        public String name() {
            return "replica behind";
        }

        public String what() {
            return "WAL replay paused on the streaming replica (pg_wal_replay_pause) for the hold, then resumed;"
                    + " read-your-writes probed on the query instance that reads from it";
        }

        public Duration hold() {
            return Duration.ofSeconds(10); // after the probe's five pulls of 2 s each
        }

        public Heal inject(ClusterTopology cluster) {
            probe.pauseReplay();
            probe.pushAndPullWhilePaused();
            return () -> {
                probe.resumeReplay();
                probe.pullAfterResume();
            };
        }
    }
}
