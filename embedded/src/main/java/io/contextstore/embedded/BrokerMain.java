package io.contextstore.embedded;

/**
 * Entry point of the broker's own JVM: runs {@code kafka.Kafka} and exits (through Kafka's clean
 * shutdown hook) as soon as the process that started it is gone, so an embedded broker never
 * outlives its owner, not even one killed with SIGKILL.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        long ownerPid = Long.parseLong(args[0]);
        ProcessHandle.of(ownerPid).ifPresentOrElse(
                owner -> owner.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        kafka.Kafka.main(new String[] {args[1]});
    }
}
