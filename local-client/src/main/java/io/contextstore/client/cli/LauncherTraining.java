package io.contextstore.client.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training run of the launcher's class data archive (local-client/build-launcher.sh): several
 * {@code ctx} commands in one JVM, so that the archive, written when this JVM exits, holds the classes
 * of all of them and not only those of the first. Each argument is one command line, its words
 * separated by spaces; {@code <FILE} gives it FILE on stdin. Output is discarded; the home is
 * {@code $CTX_HOME}. Not a user command.
 */
public final class LauncherTraining {

    private LauncherTraining() {
    }

    public static void main(String[] commands) throws IOException {
        JvmSettings.apply(); // as ctx runs (Main.main): the archive then holds the classes those settings load
        System.console(); // as Main.main asks: its classes too
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (String command : commands) {
            String[] words = command.strip().split(" +");
            byte[] stdin = new byte[0];
            if (words[words.length - 1].startsWith("<")) {
                stdin = Files.readAllBytes(Path.of(words[words.length - 1].substring(1)));
                words = Arrays.copyOf(words, words.length - 1);
            }
            Cli cli = new Cli(Map.copyOf(System.getenv()), new ByteArrayInputStream(stdin), nowhere, System.err,
                    Clock.systemUTC(), new SplittableRandom(), false);
            int exit = Main.run(cli, words);
            if (exit != ExitCodes.OK) {
                System.err.println("training: `ctx " + command + "` exited " + exit);
            }
        }
    }
}
