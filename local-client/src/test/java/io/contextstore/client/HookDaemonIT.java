package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contextstore.client.daemon.DaemonFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident hook daemon's life and its protocol, through the real ./ctx launcher and real SQLite files (ADR 35). */
class HookDaemonIT {

    @TempDir
    Path home;

    @TempDir
    Path launcherDirectory;

    private static final String BASH = "{\"session_id\":\"s-1\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
            + "\"tool_input\":{\"command\":\"ls\"},\"tool_response\":{\"stdout\":\"\"},\"cwd\":\"/tmp\"}";

    private Launcher launcher() throws IOException {
        return Launcher.in(home, launcherDirectory, true);
    }

    private long bashCalls() {
        return new Ctx(home).count("sessions.db", "SELECT coalesce(sum(calls), 0) FROM tool_analytics WHERE tool_name = 'Bash'");
    }

    @AfterEach
    void stop() throws IOException {
        launcher().stopDaemon();
    }

    @Test
    void theFirstHookAnswersItselfAndStartsADaemonThatAnswersTheNextOnesFromAnOwnerOnlyFile() throws Exception {
        Launcher launcher = launcher();

        Ctx.Run first = launcher.run(HookIT.recorded(), "hook");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(new Ctx(home).count("sessions.db", "SELECT count(*) FROM sync_queue")).isEqualTo(3);
        DaemonFile daemon = launcher.awaitDaemon();
        assertThat(Files.getPosixFilePermissions(DaemonFile.in(home))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(daemon.token()).hasSize(64); // 256 bits

        assertThat(launcher.run(BASH, "hook").exit()).isZero();
        assertThat(launcher.run(HookIT.recorded(), "hook").exit()).isZero();

        assertThat(launcher.served()).isEqualTo(2);
        assertThat(bashCalls()).isEqualTo(1);
        assertThat(new Ctx(home).count("sessions.db", "SELECT count(*) FROM sync_queue")).isEqualTo(3);
        assertThat(launcher.run("", "daemon", "status").out()).contains("pid " + daemon.pid(), "2 hooks answered");
    }

    @Test
    void withTheDaemonOffNoDaemonIsStartedOrUsed() throws Exception {
        Launcher off = Launcher.in(home, launcherDirectory, false);

        assertThat(off.run(BASH, "hook").exit()).isZero();
        assertThat(off.run(BASH, "hook").exit()).isZero();

        assertThat(bashCalls()).isEqualTo(2);
        assertThat(DaemonFile.in(home)).doesNotExist();
        assertThat(off.run("", "daemon", "status").exit()).isEqualTo(1);
    }

    @Test
    void aConnectionWithoutTheRightTokenGetsNoAnswerAndRecordsNothing() throws Exception {
        DaemonFile daemon = launcher().startDaemon();
        byte[] event = BASH.getBytes(StandardCharsets.UTF_8);

        for (String token : new String[] {"0".repeat(64), daemon.token().substring(1), ""}) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((token + "\nhook\n0\n" + event.length + "\n").getBytes(StandardCharsets.US_ASCII));
            request.write(event);
            request.write("go\n".getBytes(StandardCharsets.US_ASCII));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.port())) {
                socket.setSoTimeout(10_000);
                assertThat(firstByteOfAnswer(socket, request.toByteArray())).as("the daemon closes without a byte")
                        .isEqualTo(-1);
            }
        }

        assertThat(launcher().served()).isZero();
        assertThat(home.resolve("sessions.db")).doesNotExist();
    }

    /**
     * Sends a request and reads the first byte of the answer, -1 when the daemon closed without one. The daemon stops
     * reading at a wrong token and closes with the rest of the request unread, which resets the connection: a write
     * then fails with a broken pipe, or the read with a reset, and either means it closed without answering.
     */
    private static int firstByteOfAnswer(Socket socket, byte[] request) throws IOException {
        try {
            socket.getOutputStream().write(request);
            return socket.getInputStream().read();
        } catch (SocketException closedByTheDaemon) { // a timeout is no SocketException: it still fails the test
            return -1;
        }
    }

    @Test
    void aRequestCutShortBeforeGoRecordsNothing() throws Exception {
        DaemonFile daemon = launcher().startDaemon();
        byte[] event = BASH.getBytes(StandardCharsets.UTF_8);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.port())) {
            socket.getOutputStream().write((daemon.token() + "\nhook\n0\n" + event.length + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(event);
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes("accepted\n".length()), StandardCharsets.US_ASCII)).isEqualTo("accepted\n");
        } // closed without `go`, as a launcher that gave up waiting does before it answers the event itself

        assertThat(launcher().run(BASH, "hook").exit()).isZero();
        assertThat(bashCalls()).isEqualTo(1);
        assertThat(launcher().served()).isEqualTo(1);
    }

    @Test
    void aKilledDaemonLeadsToACorrectInProcessAnswerAndANewDaemon() throws Exception {
        Launcher launcher = launcher();
        DaemonFile first = launcher.startDaemon();
        ProcessHandle process = ProcessHandle.of(first.pid()).orElseThrow();
        process.destroyForcibly(); // kill -9
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());

        Ctx.Run answer = launcher.run(BASH, "hook");

        assertThat(answer.exit()).as(answer.err()).isZero();
        assertThat(answer.err()).isEmpty();
        assertThat(bashCalls()).isEqualTo(1);
        DaemonFile second = await().atMost(Duration.ofSeconds(60)).until(launcher::answering,
                daemon -> daemon.isPresent() && daemon.get().pid() != first.pid()).orElseThrow();
        assertThat(launcher.run(BASH, "hook").exit()).isZero();
        assertThat(bashCalls()).isEqualTo(2);
        assertThat(launcher.served()).isEqualTo(1);
        assertThat(second.token()).isNotEqualTo(first.token());
    }

    @Test
    void twoConcurrentHooksThroughTheDaemonAreBothRecordedExactlyOnce() throws Exception {
        Launcher launcher = launcher();
        launcher.startDaemon();
        String todoList = HookIT.recorded();

        CompletableFuture<Ctx.Run> bash = CompletableFuture.supplyAsync(() -> run(launcher, BASH));
        CompletableFuture<Ctx.Run> todos = CompletableFuture.supplyAsync(() -> run(launcher, todoList));

        assertThat(bash.get().exit()).as(bash.get().err()).isZero();
        assertThat(todos.get().exit()).as(todos.get().err()).isZero();
        assertThat(bashCalls()).isEqualTo(1);
        assertThat(new Ctx(home).count("sessions.db", "SELECT count(*) FROM sync_queue")).isEqualTo(3);
        assertThat(launcher.served()).isEqualTo(2);
    }

    @Test
    void aRebuiltLauncherIsNeverAnsweredWithTheOldCodeAndTheOldDaemonStops() throws Exception {
        Launcher launcher = launcher();
        DaemonFile old = launcher.startDaemon();
        Files.setLastModifiedTime(launcher.jar(), FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        Ctx.Run answer = launcher.run(BASH, "hook");

        assertThat(answer.exit()).as(answer.err()).isZero();
        assertThat(bashCalls()).isEqualTo(1);
        ProcessHandle.of(old.pid()).ifPresent(process -> await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()));
        // the in-process answer started a daemon of the new build, which answers the next event
        await().atMost(Duration.ofSeconds(60)).until(launcher::answering, daemon -> daemon.isPresent() && daemon.get().pid() != old.pid());
        assertThat(launcher.run(BASH, "hook").exit()).isZero();
        assertThat(bashCalls()).isEqualTo(2);
        assertThat(launcher.served()).isEqualTo(1);
    }

    @Test
    void anIdleDaemonStopsByItself() throws Exception {
        Launcher launcher = launcher();
        ProcessBuilder idle = launcher.process("daemon", "run").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true);
        idle.environment().put("CTX_DAEMON_IDLE", "1");
        Process process = idle.start();
        launcher.awaitDaemon();

        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        assertThat(DaemonFile.in(home)).doesNotExist();
        assertThat(launcher.answering()).isEmpty();
    }

    private static Ctx.Run run(Launcher launcher, String stdin) {
        try {
            return launcher.run(stdin, "hook");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
