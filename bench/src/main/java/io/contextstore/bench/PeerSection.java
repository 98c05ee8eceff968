package io.contextstore.bench;

import java.util.Map;

/**
 * Section 8 (issue 16): PouchDB Server beside us, on this machine in this run, with the same documents and the same
 * number of concurrent clients: its bulk push against our batch push, its changes feed against our pull, 500 a request
 * or a page, in alternating rounds.
 */
record PeerSection(BenchStack stack, Profile profile, Report report) {

    /** As many clients as section 1's batch-100 row. */
    private static final int CLIENTS = 4;
    /** The target of issue 16: each of ours at least this many times PouchDB Server's rate. */
    private static final double TARGET = 3;

    void run() throws Exception {
        report.section("8. PouchDB Server beside us: bulk push and changes feed against our batch push and pull");
        long started = System.nanoTime();
        PouchDbServer pouch;
        try {
            pouch = PouchDbServer.start();
        } catch (RuntimeException | java.io.IOException e) {
            // the rest of the run stands without it: say why this section has no figures
            report.note("Not measured: PouchDB Server " + PouchDbServer.VERSION + " could not be installed or started ("
                    + e.getMessage() + ").");
            return;
        }
        try (pouch) {
            measure(pouch, started);
        }
    }

    private void measure(PouchDbServer pouch, long started) throws Exception {
        int requests = profile.peerRequestsPerClient();
        int documents = CLIENTS * requests * PeerScenario.PAGE;
        PeerScenario peer = new PeerScenario(stack, pouch, CLIENTS);
        String db = peer.pouchDatabaseWith(documents);
        BenchStack.Tenant tenant = new PullScenario(stack).tenantWith(documents);
        Rounds<Double> rounds = new Rounds<Double>(profile)
                .add("pouch push", () -> peer.pouchPush(requests), Double::doubleValue)
                .add("our push", () -> peer.ourPush(requests), Double::doubleValue)
                .add("pouch pull", () -> peer.pouchPull(db, documents), Double::doubleValue)
                .add("our pull", () -> peer.ourPull(tenant, documents), Double::doubleValue);
        Map<String, Rounds.Measured<Double>> measured = rounds.run();
        report.table("what", "clients", "PouchDB Server, docs/s (median)", "ours, events/s (median)",
                "ours / PouchDB", "target", "every round, PouchDB; ours");
        row("push: `POST /db/_bulk_docs` of 500 beside `POST /api/v1/context/push` of 500", measured, "push",
                String.format("%,d documents a round", documents));
        row("pull: `GET /db/_changes?include_docs=true&limit=500` beside `GET /api/v1/context/pull?limit=500`",
                measured, "pull", String.format("each client reads all %,d", documents));
        report.note(String.format("PouchDB Server %s (LevelDB, in its own node process, data in a temporary directory; "
                + "it says: %s), node %s, on 127.0.0.1 of this machine, started and stopped by the bench. The same "
                + "documents (the decisions of every section, about 1 KiB), %d clients on each side, each with an HTTP "
                + "client of its own; a push round writes a new database or a new tenant; the pulls read one database "
                + "and one tenant (projected before the rounds) of the same size from the start, page by page. %s The "
                + "section took %.0f s. Neither side "
                + "syncs a write to disk before it answers: PouchDB's LevelDB adapter asks for no sync (%s), and the "
                + "bench's one Kafka broker acknowledges from the page cache (Kafka's default flush policy).",
                PouchDbServer.VERSION, pouch.welcome(), PouchDbServer.nodeVersion(), CLIENTS, rounds.described(),
                (System.nanoTime() - started) / 1e9, PouchDbServer.versions("pouchdb-adapter-leveldb-core", "leveldown")));
    }

    private void row(String what, Map<String, Rounds.Measured<Double>> measured, String kind, String size) {
        Rounds.Measured<Double> theirs = measured.get("pouch " + kind);
        Rounds.Measured<Double> ours = measured.get("our " + kind);
        double ratio = ours.median() / theirs.median();
        report.row(what + " (" + size + ")", CLIENTS, theirs.median(), ours.median(), String.format("%.1f×", ratio),
                String.format("≥ %.0f× (%s)", TARGET, ratio >= TARGET ? "met" : "missed"),
                theirs.every() + "; " + ours.every());
    }
}
