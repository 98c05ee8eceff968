package io.contextstore.client.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The global {@code --profile NAME} (or {@code --profile=NAME}), taken out of the arguments wherever it stands before
 * {@code --}: before the command ({@code ctx --profile acme sync}) or after it ({@code ctx login --profile acme}), for
 * picocli's commands and for {@code ctx hook}'s fast path alike (ADR 37). {@link CtxCommand} only documents it.
 */
record ProfileOption(String profile, String[] rest) {

    static final String NAME = "--profile";

    /** @throws IllegalArgumentException for {@code --profile} without a name, or given twice */
    static ProfileOption take(String[] args) {
        String profile = null;
        List<String> rest = new ArrayList<>(args.length);
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            if (options && arg.equals(NAME)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(NAME + " needs a profile name");
                }
                value = args[++i];
            } else if (options && arg.startsWith(NAME + "=")) {
                value = arg.substring(NAME.length() + 1);
            } else {
                options &= !arg.equals("--");
                rest.add(arg);
                continue;
            }
            if (profile != null) {
                throw new IllegalArgumentException(NAME + " given twice");
            }
            profile = value;
        }
        return new ProfileOption(profile, rest.toArray(String[]::new));
    }
}
