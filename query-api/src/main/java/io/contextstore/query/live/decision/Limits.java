package io.contextstore.query.live.decision;

/**
 * How many of one kind of held connection (streams, waiting pulls) a tenant and an instance may have.
 * A tenant at its limit is told to slow down (429); an instance at its limit is full (503), and a client
 * may find room on another instance.
 */
public record Limits(int perTenant, int perInstance) {

    public enum Verdict { ADMIT, TENANT_FULL, INSTANCE_FULL }

    /** The verdict for one more, given the counts with it included. */
    public Verdict decide(int tenantHeld, int instanceHeld) {
        if (tenantHeld > perTenant) {
            return Verdict.TENANT_FULL;
        }
        return instanceHeld > perInstance ? Verdict.INSTANCE_FULL : Verdict.ADMIT;
    }
}
