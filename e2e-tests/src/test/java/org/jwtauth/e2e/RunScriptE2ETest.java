package org.jwtauth.e2e;

import org.jwtauth.token.FreePorts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command, {@code ./run.sh}, as a user runs it (with the jars this build made, on spare
 * ports): both services come up from Spring Boot's extracted layout with their jvm.options, a login
 * gets a token the resource service accepts, and stopping the script stops both services.
 */
class RunScriptE2ETest {

    @Test
    void runShStartsBothServicesAndStopsThemOnSigterm() throws Exception {
        Assumptions.assumeTrue(ServiceProcess.installed("curl"), "run.sh needs curl, which is not installed (apt-get install curl)");
        Path script = Path.of(System.getProperty("e2e.runScript", "../run.sh")).toAbsolutePath();
        Path work = Path.of(System.getProperty("e2e.workDir", "target/e2e")).resolve("run-sh").toAbsolutePath();
        ServiceProcess.deleteRecursively(work);
        int authPort = FreePorts.next();
        int resourcePort = FreePorts.next();

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("SKIP_BUILD", "1");
        env.put("AUTH_PORT", String.valueOf(authPort));
        env.put("RESOURCE_PORT", String.valueOf(resourcePort));
        env.put("MANAGEMENT_SERVER_PORT", "0"); // both services: no fixed management ports
        env.put("AUTH_DATA_DIR", work.resolve("data").toString());
        env.put("LOG_DIR", work.resolve("logs").toString());
        Process run = builder.start();
        StringBuffer out = new StringBuffer();
        CountDownLatch up = new CountDownLatch(1);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.append(line).append('\n');
                    if (line.startsWith("Both services are running")) {
                        up.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            // two extractions and two starts, each start allowed run.sh's STARTUP_TIMEOUT (180 s)
            assertThat(up.await(400, TimeUnit.SECONDS)).as("run.sh started both services:\n%s", out).isTrue();

            List<String> commandLines = run.descendants()
                    .map(p -> p.info().commandLine().orElse(""))
                    .filter(c -> c.contains("java"))
                    .toList();
            assertThat(commandLines).as("the services' JVMs").hasSize(2).allSatisfy(c -> assertThat(c)
                    .containsPattern("@(auth-server|resource-service)/jvm\\.options -jar ")
                    .containsPattern("/target/app/(auth-server|resource-service)-[^ ]*-exec\\.jar")); // extracted layout

            Http.Response login = Http.post("http://localhost:" + authPort + "/auth/login",
                    Map.of("username", "alice", "password", "alice-password"), null);
            assertThat(login.status()).as(login.rawBody()).isEqualTo(200);
            Http.Response hello = Http.get("http://localhost:" + resourcePort + "/api/hello", login.field("access_token"));
            assertThat(hello.status()).as(hello.rawBody()).isEqualTo(200);
            assertThat(hello.field("message")).isEqualTo("Hello, alice!");
        } finally {
            // SIGTERM, which run.sh traps like Ctrl-C. Through the handle: Process.destroy() would also
            // close the output stream before run.sh has said what it did.
            run.toHandle().destroy();
            boolean stopped = run.waitFor(30, TimeUnit.SECONDS);
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            if (!stopped) {
                run.destroyForcibly().waitFor();
            }
            reader.get(10, TimeUnit.SECONDS);
            assertThat(stopped).as("run.sh exited on SIGTERM:\n%s", out).isTrue();
        }
        assertThat(out.toString()).contains("Stopping...");
        assertThat(listening(authPort)).as("auth-server port %d after run.sh stopped", authPort).isFalse();
        assertThat(listening(resourcePort)).as("resource-service port %d after run.sh stopped", resourcePort).isFalse();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
