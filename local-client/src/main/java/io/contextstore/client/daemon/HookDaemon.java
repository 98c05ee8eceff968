package io.contextstore.client.daemon;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A resident {@code ctx} that answers {@code ctx hook} for one client home, over loopback TCP, so that an editor event
 * costs the launcher's bash and a round trip instead of a JVM start (ADR 35). The protocol (one event per connection):
 * <pre>
 * launcher: token \n verb \n            verb: hook, stop or status
 *   hook:   argc \n arg \n ... length \n  then length bytes of the event (stdin)
 * daemon:   accepted \n | refused \n      after reading the whole request; refused records nothing
 * launcher: go \n                        only if it has not given up waiting (then it runs the hook itself)
 * daemon:   answer exit outLength errLength \n  out bytes  err bytes     after running the hook
 * </pre>
 * Nothing is recorded before {@code go}: a launcher that timed out closes without sending it, so its fallback never
 * records an event twice.
 */
public final class HookDaemon {

    /** Runs one hook as {@code ctx hook args} would, in-process. */
    public interface Handler {
        Answer handle(List<String> args, byte[] stdin);
    }

    public record Answer(int exit, byte[] out, byte[] err) {
    }

    static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Path home;
    private final Handler handler;
    private final Duration idle;
    private final Supplier<BuildStamp> build;
    private final AtomicLong lastUsed = new AtomicLong(System.nanoTime());
    private final AtomicLong served = new AtomicLong();
    private final ExecutorService workers = Executors.newFixedThreadPool(4, daemonThreads());
    private volatile boolean stopping;
    private ServerSocket server;

    public HookDaemon(Path home, Handler handler, Duration idle) {
        this(home, handler, idle, () -> BuildStamp.of(System.getProperty("java.class.path")));
    }

    HookDaemon(Path home, Handler handler, Duration idle, Supplier<BuildStamp> build) {
        this.home = home;
        this.handler = handler;
        this.idle = idle;
        this.build = build;
    }

    /**
     * Serves until idle, stopped or rebuilt. Returns false at once when another daemon holds this home's lock.
     */
    public boolean serve() throws IOException {
        try (FileChannel lockFile = FileChannel.open(home.resolve("daemon.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return false;
            }
            BuildStamp started = build.get();
            DaemonFile file;
            try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                server = socket;
                file = new DaemonFile(socket.getLocalPort(), DaemonFile.newToken(new SecureRandom()), ProcessHandle.current().pid());
                file.write(home);
                Thread watcher = new Thread(() -> watch(started), "ctx-daemon-watch");
                watcher.setDaemon(true);
                watcher.start();
                while (!stopping) {
                    Socket connection;
                    try {
                        connection = socket.accept();
                    } catch (IOException e) {
                        break; // closed by stop()
                    }
                    workers.execute(() -> converse(connection, file.token(), started));
                }
            } finally {
                stop();
                workers.shutdown();
                workers.awaitTermination(30, TimeUnit.SECONDS);
                Files.deleteIfExists(DaemonFile.in(home)); // ours: the lock is still held
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void watch(BuildStamp started) {
        while (!stopping) {
            try {
                Thread.sleep(Math.min(idle.toMillis(), 5_000)); // a background timer, not a test wait
            } catch (InterruptedException e) {
                return;
            }
            boolean idleTooLong = System.nanoTime() - lastUsed.get() > idle.toNanos();
            // a home deleted under it (or its file replaced by hand): nobody can reach it any more
            boolean orphaned = DaemonFile.read(home).map(file -> file.pid() != ProcessHandle.current().pid()).orElse(true);
            if (idleTooLong || orphaned || !build.get().equals(started)) {
                stop();
            }
        }
    }

    private void stop() {
        stopping = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }

    private void converse(Socket connection, String token, BuildStamp started) {
        try (connection) {
            connection.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), line(in).getBytes(StandardCharsets.US_ASCII))) {
                return; // no answer at all to a connection without the token
            }
            lastUsed.set(System.nanoTime());
            String verb = line(in);
            switch (verb) {
                case "stop" -> {
                    out.write(("stopping " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
                    stop();
                }
                case "status" -> out.write(("running " + ProcessHandle.current().pid() + " " + served.get() + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                case "hook" -> hook(in, out, started);
                default -> out.write("refused\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the launcher went away or sent garbage: it answers the event itself, nothing was recorded here
        }
    }

    private void hook(InputStream in, OutputStream out, BuildStamp started) throws IOException {
        int count = number(line(in), 64);
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(line(in));
        }
        byte[] event = in.readNBytes(number(line(in), MAX_EVENT_BYTES));
        if (stopping || !build.get().equals(started)) {
            out.write("refused\n".getBytes(StandardCharsets.US_ASCII)); // an upgrade never answers with old code
            stop();
            return;
        }
        out.write("accepted\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try {
            if (!line(in).equals("go")) {
                return;
            }
        } catch (SocketTimeoutException e) {
            return;
        }
        Answer answer;
        // One event at a time (requests are still read and accepted alongside): two first opens of a new tier file at
        // once fail with SQLITE_BUSY while one of them switches it to WAL (HookDaemonIT's concurrent hooks found it). An
        // event takes milliseconds in a warm JVM, and a launcher waits for its answer once it has sent `go`.
        synchronized (handler) {
            answer = handler.handle(args, event);
        }
        served.incrementAndGet();
        ByteArrayOutputStream reply = new ByteArrayOutputStream(answer.out().length + answer.err().length + 32);
        reply.writeBytes(("answer " + answer.exit() + " " + answer.out().length + " " + answer.err().length + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        reply.writeBytes(answer.out());
        reply.writeBytes(answer.err());
        out.write(reply.toByteArray());
        lastUsed.set(System.nanoTime());
    }

    private static int number(String text, int max) throws IOException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IOException("not a count: " + text);
    }

    /** One line of at most 4 KiB (a token, a verb, an argument), without its newline; EOF before it is a failure. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0 || bytes.size() > 4096) {
                throw new IOException("request cut short");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "ctx-daemon-hook");
            thread.setDaemon(true);
            return thread;
        };
    }
}
