package io.contextstore.deploy;

import java.util.Locale;

/**
 * One setting a service reads: its property name, the environment variable Spring's relaxed binding
 * maps to it (dots to underscores, dashes dropped, upper case), its type and the default it gets
 * when nothing sets it (empty: none).
 */
record Setting(String name, String type, String defaultValue) {

    String environmentVariable() {
        return environmentVariable(name);
    }

    static String environmentVariable(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }
}
