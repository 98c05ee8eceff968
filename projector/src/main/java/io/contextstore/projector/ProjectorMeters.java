package io.contextstore.projector;

/**
 * The names of the projector's meters (ADR 25), in one place for the projector that registers them and for whoever
 * reads them in the same process: the stack's bench and the tests.
 */
public final class ProjectorMeters {

    public static final String RECORDS = "contextstore.projector.records";
    public static final String DEAD_LETTERED = "contextstore.projector.dead.lettered";
    public static final String BATCH_FAILURES = "contextstore.projector.batch.failures";
    public static final String BATCH = "contextstore.projector.batch";
    /** Tenants in one poll's batch: what a batch costs is a round trip per tenant (ADR 7). */
    public static final String BATCH_TENANTS = "contextstore.projector.batch.tenants";
    /** Each record's age at the commit that applied it, from its timestamp in the log. */
    public static final String EVENT_AGE = "contextstore.projector.event.age";

    private ProjectorMeters() {
    }
}
