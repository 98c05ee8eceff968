package io.contextstore.client.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a running daemon listens and the token it wants: one line {@code <port> <token> <pid>} in {@code CTX_HOME/daemon},
 * readable by its owner only (the launcher reads it with bash's {@code read} and uses it only when {@code -O}).
 */
public record DaemonFile(int port, String token, long pid) {

    /** 256 random bits, hex: the launcher sends it back as the first line of every request. */
    static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static Path in(Path home) {
        return home.resolve("daemon");
    }

    public static Optional<DaemonFile> read(Path home) {
        try {
            String[] parts = Files.readString(in(home), StandardCharsets.US_ASCII).strip().split(" ");
            return Optional.of(new DaemonFile(Integer.parseInt(parts[0]), parts[1], Long.parseLong(parts[2])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // absent or half-written: no daemon to talk to
        }
    }

    /** Sends {@code verb} (status, stop) with the token and returns the daemon's one-line answer; empty when none answers. */
    public Optional<String> ask(String verb) {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write((token + "\n" + verb + "\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Optional.ofNullable(answer);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Written to a temporary file created 0600 and moved into place, so no reader ever sees a partial line. */
    void write(Path home) throws IOException {
        Path temporary = home.resolve("daemon." + pid + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, port + " " + token + " " + pid + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, in(home), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, in(home), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
