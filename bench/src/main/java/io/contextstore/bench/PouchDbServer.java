package io.contextstore.bench;

import io.contextstore.embedded.FreePorts;
import io.contextstore.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The peer of the peer section (issue 16): PouchDB Server, the npm package {@code pouchdb-server}, over its default
 * LevelDB backend, in its own node process on a free loopback port with its data in a temporary directory. The bench
 * installs it itself into {@code ~/.cache/contextstore-bench} (an install already there is used as it is, so a run
 * offline works once one run had the registry) and stops it by its PID.
 */
record PouchDbServer(Process process, Path data, String baseUrl) implements AutoCloseable {

    /** The release measured; {@code -Dbench.pouchdb.version} measures another. */
    static final String VERSION = System.getProperty("bench.pouchdb.version", "4.2.0");

    private static final int INSTALL_ATTEMPTS = 3;

    /** Where npm installs it: outside the worktree, so a clean build keeps it. */
    private static final Path HOME = Path.of(System.getProperty("user.home"), ".cache", "contextstore-bench",
            "pouchdb-server-" + VERSION);

    /** Installs the server if it is not yet, starts it, and waits (a minute at most) until it answers. */
    static PouchDbServer start() throws IOException, InterruptedException {
        Path script = install();
        Path data = Files.createTempDirectory("contextstore-bench-pouchdb-");
        int port = FreePorts.next();
        // -n: its log to a file only; the working directory holds that log and its config.json, beside the data
        Process process = new ProcessBuilder("node", script.toString(), "--port", Integer.toString(port),
                "--host", "127.0.0.1", "--dir", data.toString(), "--config", data.resolve("config.json").toString(),
                "-n", "--no-color").directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolve("server.out").toFile()).start();
        PouchDbServer server = new PouchDbServer(process, data, "http://127.0.0.1:" + port);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** What the server says of itself ({@code GET /}): its version and its storage adapters (leveldb). */
    String welcome() {
        JsonNode welcome = new ApiClient(baseUrl).get("/", null).json();
        return "version " + welcome.get("version").stringValue() + ", adapters " + welcome.get("pouchdb-adapters");
    }

    /** The installed version of each npm package named (its storage: the LevelDB adapter, leveldown). */
    static String versions(String... packages) throws IOException {
        StringBuilder versions = new StringBuilder();
        for (String name : packages) {
            JsonNode manifest = JsonMapper.shared().readTree(HOME.resolve("node_modules").resolve(name)
                    .resolve("package.json").toFile());
            versions.append(versions.isEmpty() ? "" : ", ").append(name).append(' ')
                    .append(manifest.get("version").stringValue());
        }
        return versions.toString();
    }

    static String nodeVersion() throws IOException, InterruptedException {
        return output(List.of("node", "--version")).strip();
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        ApiClient api = new ApiClient(baseUrl);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pouchdb-server exited (" + process.exitValue() + "): " + log());
            }
            try {
                if (api.get("/", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pouchdb-server did not answer within a minute: " + log());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Its script, installed with npm (three attempts: a registry may fail a request) unless it is there already. */
    private static Path install() throws IOException, InterruptedException {
        Path script = HOME.resolve("node_modules/pouchdb-server/bin/pouchdb-server");
        for (int attempt = 1; !Files.exists(script); attempt++) {
            if (attempt > INSTALL_ATTEMPTS) {
                throw new IllegalStateException("npm could not install pouchdb-server@" + VERSION + " into " + HOME);
            }
            Files.createDirectories(HOME);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "pouchdb-server@" + VERSION).directory(HOME.toFile()).inheritIO().start();
            if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
            }
        }
        return script;
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private String log() {
        try {
            return Files.readString(data.resolve("server.out"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server by its PID (SIGTERM, then SIGKILL after ten seconds) and deletes its data. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
