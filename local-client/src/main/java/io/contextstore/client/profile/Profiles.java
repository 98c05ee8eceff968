package io.contextstore.client.profile;

import io.contextstore.client.ClientHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The accounts of one client home (ADR 37): the default profile in {@code $CTX_HOME} itself, the others under
 * {@code $CTX_HOME/profiles/<name>}, each with its own tiers, queue and credentials; and which directories are bound
 * to which, by {@code ctx profile bind} ({@code bindings.json}) or by a {@code .ctx-profile} file in a repository.
 */
public final class Profiles {

    /** The file in a directory (a repository's root, typically) that names the profile of everything under it. */
    public static final String FILE = ".ctx-profile";

    private final Path root;
    private final Bindings bindings;

    public Profiles(Path root) {
        this.root = root;
        this.bindings = new Bindings(root.resolve("bindings.json"));
    }

    public Path root() {
        return root;
    }

    public ClientHome home(String name) {
        return new ClientHome(root, name);
    }

    /** The default profile always exists (it is created on first use, as before profiles); the others by logging in. */
    public boolean exists(String name) {
        return name.equals(ProfileName.DEFAULT) || Files.isDirectory(home(name).directory());
    }

    /** Every profile: the default first, then the others by name. */
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of(ProfileName.DEFAULT));
        Path directory = root.resolve("profiles");
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(Files::isDirectory).map(entry -> entry.getFileName().toString())
                        .filter(ProfileName::isValid).filter(name -> !name.equals(ProfileName.DEFAULT)).sorted().forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
        }
        return names;
    }

    public Map<Path, String> bindings() {
        return bindings.read();
    }

    /** Which profile, and why, for work from {@code directory} (null: none known); the profile may not exist yet. */
    public ProfileChoice choose(String option, String variable, Path directory) {
        Map<Path, String> bound = option != null || (variable != null && !variable.isBlank()) ? Map.of() : bindings.read();
        return ProfileChoice.decide(option, variable, real(directory), at -> bindingAt(bound, at));
    }

    /** The home of the chosen profile, which must exist: an item never goes to another account than the one asked for. */
    public ClientHome select(String option, String variable, Path directory) {
        ProfileChoice choice = choose(option, variable, directory);
        if (!exists(choice.name())) {
            throw new ProfileException("unknown profile \"" + choice.name() + "\" (chosen by " + choice.source()
                    + "); create it with: ctx login --profile " + choice.name());
        }
        return home(choice.name());
    }

    /** Binds {@code directory} (which must exist; kept as its real path) to the existing profile {@code name}. */
    public Path bind(String name, Path directory) {
        ProfileName.checked(name, "ctx profile bind");
        if (!exists(name)) {
            throw new ProfileException("unknown profile \"" + name + "\"; create it with: ctx login --profile " + name);
        }
        Path target = existingDirectory(directory);
        update(all -> {
            all.put(target, name);
            return all;
        });
        return target;
    }

    /** Removes the binding of {@code directory}; a {@link ProfileException} when it has none. */
    public Path unbind(Path directory) {
        Path target = real(directory.toAbsolutePath());
        if (!bindings.read().containsKey(target)) {
            throw new ProfileException("no binding for " + target + " (ctx profile list shows the bindings)");
        }
        update(all -> {
            all.remove(target);
            return all;
        });
        return target;
    }

    private void update(UnaryOperator<Map<Path, String>> change) {
        home(ProfileName.DEFAULT).ensureExists();
        try (FileChannel lockFile = FileChannel.open(root.resolve("bindings.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            bindings.write(change.apply(bindings.read()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + root.resolve("bindings.lock"), e);
        }
    }

    private static Path existingDirectory(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new ProfileException("cannot bind " + absolute + ": no such directory");
        }
        return real(absolute);
    }

    private static boolean ownedByThisUser(Path file) {
        try {
            return Files.getOwner(file).getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The directory's real path (symbolic links resolved) when it exists, else as given; null for none or a relative one. */
    static Path real(Path directory) {
        if (directory == null || !directory.isAbsolute()) {
            return null;
        }
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.normalize();
        }
    }

    /**
     * A {@code ctx profile bind} of exactly this directory, else its {@code .ctx-profile} file (first line) if it is
     * the user's own: one planted by another user in a shared directory above (/tmp) must not send this user's items to
     * another of their accounts (the launcher ignores another user's daemon file for the same reason).
     */
    private static Optional<ProfileChoice> bindingAt(Map<Path, String> bound, Path directory) {
        String name = bound.get(directory);
        if (name != null) {
            return Optional.of(new ProfileChoice(name, "ctx profile bind of " + directory));
        }
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file) || !ownedByThisUser(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(256), StandardCharsets.UTF_8);
            String first = text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
            return Optional.of(new ProfileChoice(first, file.toString()));
        } catch (IOException e) {
            throw new ProfileException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
