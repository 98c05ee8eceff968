package io.contextstore.client.cli;

/**
 * Process-wide settings that libraries read once, when first used: made at the start of {@code main}, before any
 * of them is. Each is only a default: a {@code -D} given to the JVM ({@code CTX_JAVA_OPTS}) wins. Both are chosen
 * for the start-up time of {@code ctx hook}, a process per editor event (ADR 34).
 */
final class JvmSettings {

    private JvmSettings() {
    }

    static void apply() {
        // sqlite-jdbc logs through SLF4J when SLF4J is on the class path, else through java.util.logging, whose start
        // (its configuration file, a service lookup over the class path) was a tenth of a hook's time. ctx logs nothing
        // itself: SLF4J's no-operation provider, named so that SLF4J neither searches the class path for one nor says
        // which it took. The MCP SDK logs through SLF4J as well, and stdout is its protocol's.
        setDefault("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        setDefault("slf4j.internal.verbosity", "WARN");
        // sqlite-jdbc builds a date format for its first connection; on Java 17 to 20 the JDK's own locale data
        // (COMPAT) loads for it in about half the time CLDR's takes. ctx formats nothing by locale but digits.
        // Java 21 warns about COMPAT and 23 removed it.
        if (Runtime.version().feature() < 21) {
            setDefault("java.locale.providers", "COMPAT,CLDR");
        }
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
