package io.contextstore.platform.db;

/**
 * The login roles of the services. Created NOLOGIN by the migrations with only the grants each
 * needs; the deployment gives each one LOGIN and a password. None is superuser, owner or BYPASSRLS.
 */
public enum ServiceRole {
    INGEST("cs_ingest"),
    PROJECTOR("cs_projector"),
    QUERY("cs_query"),
    AUDITOR("cs_auditor"),
    ADMIN("cs_admin");

    private final String roleName;

    ServiceRole(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    /** The role a deployment's username variable names (e.g. Compose's CONTEXTSTORE_INGEST_DATABASE_USERNAME). */
    public static ServiceRole ofRoleName(String roleName) {
        for (ServiceRole role : values()) {
            if (role.roleName.equals(roleName)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no service role " + roleName);
    }
}
