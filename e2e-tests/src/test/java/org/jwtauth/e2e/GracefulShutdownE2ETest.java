package org.jwtauth.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM of the real auth-server jar while several clients keep refreshing: every request it took is
 * answered (none with a 5xx: the database stays open until the web server has drained), it exits 0,
 * and after a restart every client's latest token is still known.
 */
class GracefulShutdownE2ETest {

    private static final int CLIENTS = 8;
    private static final int ROTATIONS_BEFORE_THE_STOP = 20;

    @Test
    void aSigtermUnderLoadAnswersWhatItTookAndExitsZero() throws Exception {
        Path work = Path.of(System.getProperty("e2e.workDir", "target/e2e")).resolve("graceful");
        Path dataDir = work.resolve("auth-data");
        ServiceProcess.deleteRecursively(work);
        List<String> args = List.of("--auth.data-dir=" + dataDir.toAbsolutePath(), "--auth.issuer=http://auth.graceful.e2e.test");
        ServiceProcess auth = ServiceProcess.start("auth-server", "e2e.authServerJar", work.resolve("before"), args);
        ServiceProcess restarted = null;
        try {
            auth.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
            List<RefreshingClient> clients = RefreshingClient.startAndAwait(auth.baseUrl(), CLIENTS, ROTATIONS_BEFORE_THE_STOP);

            int exitCode = auth.terminate(Duration.ofSeconds(60));
            for (RefreshingClient c : clients) {
                c.join(30_000);
            }

            // a request it took was answered; one it did not take found no listener (an I/O error, no answer)
            clients.forEach(RefreshingClient::assertNothingRefused);
            assertThat(auth.logText()).as("no request failed on a closed database").doesNotContain("Database is already closed");
            assertThat(exitCode).as("exit code after SIGTERM\n%s", auth.logTail()).isZero();

            restarted = ServiceProcess.start("auth-server", "e2e.authServerJar", work.resolve("after"), args);
            restarted.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
            for (RefreshingClient c : clients) {
                Http.Response r = RefreshingClient.refresh(restarted.baseUrl(), c.current);
                assertThat(r.status()).as("a client's latest refresh token after the restart: %s", r.rawBody()).isEqualTo(200);
            }
        } finally {
            auth.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }
}
