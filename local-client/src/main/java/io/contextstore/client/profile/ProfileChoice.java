package io.contextstore.client.profile;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which profile a command or an editor event belongs to (ADR 37), decided without touching the disk:
 * {@code --profile}, else {@code CTX_PROFILE}, else the binding nearest to the directory (a {@code ctx profile bind}
 * or a {@code .ctx-profile} file in it or in a directory above it), else the default profile.
 *
 * @param name   the profile's name, checked ({@link ProfileName})
 * @param source why this one, for messages and {@code ctx profile show}
 */
public record ProfileChoice(String name, String source) {

    /**
     * @param option    the {@code --profile} option, or null
     * @param variable  {@code CTX_PROFILE}, or null (blank counts as not set)
     * @param directory the absolute directory the work comes from (an event's cwd), or null when there is none
     * @param bindingAt the binding declared at exactly one directory, if any
     */
    public static ProfileChoice decide(String option, String variable, Path directory,
                                       Function<Path, Optional<ProfileChoice>> bindingAt) {
        if (option != null) {
            return new ProfileChoice(ProfileName.checked(option, "--profile"), "--profile");
        }
        if (variable != null && !variable.isBlank()) {
            return new ProfileChoice(ProfileName.checked(variable.strip(), "CTX_PROFILE"), "CTX_PROFILE");
        }
        for (Path at = directory; at != null; at = at.getParent()) {
            Optional<ProfileChoice> bound = bindingAt.apply(at);
            if (bound.isPresent()) {
                return new ProfileChoice(ProfileName.checked(bound.get().name(), bound.get().source()), bound.get().source());
            }
        }
        return new ProfileChoice(ProfileName.DEFAULT, directory == null ? "no directory" : "no binding for " + directory);
    }

    public boolean isDefault() {
        return name.equals(ProfileName.DEFAULT);
    }
}
