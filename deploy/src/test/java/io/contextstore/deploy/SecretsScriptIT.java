package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.auth.LocalKeyRing;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/secrets/generate.sh, run on a copy: it makes every secret docker-compose.yml mounts, the
 * signing key is one the ingest API loads, the files are readable by the services' user and the
 * directory by nobody else, and a second run changes nothing.
 */
class SecretsScriptIT {

    @TempDir
    Path copy;

    @Test
    void theScriptMakesEverySecretComposeMountsWithASigningKeyTheIngestApiLoadsAndAMasterKeyRing() throws Exception {
        Files.copy(Repository.file("deploy/secrets/generate.sh"), copy.resolve("generate.sh"));
        run();
        String password = Files.readString(copy.resolve("ingest_db_password"));

        ComposeFile compose = ComposeFile.load();
        for (String secret : compose.topLevel("secrets").keySet()) {
            Path file = copy.resolve(Path.of(compose.secretFile(secret)).getFileName());
            assertThat(file).isNotEmptyFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rwx------");
        Path keys = Files.createDirectory(copy.resolve("keys"));
        Files.copy(copy.resolve("signing-key.pem"), keys.resolve("signing-key-1.pem"));
        assertThat(LocalKeyRing.load(keys, false, Clock.systemUTC()).verificationKeys()).hasSize(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9]+");
        assertThat(MasterKeyRing.fromFile(copy.resolve("master-keys"), CryptoRandom.nonces()).keyIds()).hasSize(1);

        run();
        assertThat(Files.readString(copy.resolve("ingest_db_password"))).isEqualTo(password);
    }

    private void run() throws Exception {
        Process script = new ProcessBuilder("bash", copy.resolve("generate.sh").toString()).redirectErrorStream(true).start();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(new String(script.getInputStream().readAllBytes())).isZero();
    }
}
