package io.contextstore.client.tiers;

/**
 * The four local SQLite files. Tier 1 is written only by sync (cloud to local); tiers 2 to 4 take
 * local writes and pulled rows alike. The sync queue lives in tier 3, next to the session data the
 * editor hook writes, so a hook call touches one file.
 */
public enum Tier {
    PLATFORM("platform.db"),
    ORG("org.db"),
    SESSIONS("sessions.db"),
    PROJECTS("projects.db");

    private final String fileName;

    Tier(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
