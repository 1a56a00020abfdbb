package org.jwtauth.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the real auth-server jar (embedded H2) while several clients keep refreshing:
 * after the restart nothing it acknowledged is lost. Every client's latest refresh token is still
 * known (it may have been rotated by the request that was in flight at the kill, whose answer never
 * came: then it counts as used), a token whose rotation was acknowledged never works again, and a
 * user whose creation was acknowledged is there.
 */
class CrashE2ETest {

    private static final int CLIENTS = 8;
    private static final int ROTATIONS_BEFORE_THE_KILL = 20;
    private static final String UNKNOWN = "The refresh token is invalid";

    @Test
    void aKillNineUnderRefreshLoadLosesNothingAcknowledged() throws Exception {
        Path work = Path.of(System.getProperty("e2e.workDir", "target/e2e")).resolve("crash");
        Path dataDir = work.resolve("auth-data");
        ServiceProcess.deleteRecursively(work);
        List<String> args = List.of("--auth.data-dir=" + dataDir.toAbsolutePath(), "--auth.issuer=http://auth.crash.e2e.test");
        ServiceProcess auth = ServiceProcess.start("auth-server", "e2e.authServerJar", work.resolve("before"), args);
        ServiceProcess restarted = null;
        try {
            auth.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
            String admin = Http.post(auth.baseUrl() + "/auth/login",
                    Map.of("username", "admin", "password", "admin-password", "scope", "admin"), null).field("access_token");

            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new Client(auth.baseUrl(), login(auth.baseUrl())));
            }
            clients.forEach(Client::start);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (clients.stream().anyMatch(c -> c.rotated.size() < ROTATIONS_BEFORE_THE_KILL)) {
                assertThat(Instant.now()).as("every client rotated %d times", ROTATIONS_BEFORE_THE_KILL).isBefore(deadline);
                clients.forEach(Client::assertHealthy);
                Thread.sleep(50);
            }
            Http.Response created = Http.post(auth.baseUrl() + "/admin/users",
                    Map.of("username", "survivor", "password", "survivor-password"), admin);
            assertThat(created.status()).as(created.rawBody()).isEqualTo(201);

            auth.kill();   // the clients are still refreshing
            for (Client c : clients) {
                c.join(30_000);
                assertThat(c.isAlive()).isFalse();
            }

            restarted = ServiceProcess.start("auth-server", "e2e.authServerJar", work.resolve("after"), args);
            restarted.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
            String url = restarted.baseUrl();

            assertThat(login(url, "survivor", "survivor-password").status()).as("the user created before the kill").isEqualTo(200);
            for (int i = 0; i < clients.size(); i++) {
                Client c = clients.get(i);
                if (i % 2 == 0) {
                    // the latest token a client holds is known: usable, or used by the request the kill cut off
                    Http.Response r = refresh(url, c.current);
                    assertThat(r.status() == 200 || (r.status() == 400 && !UNKNOWN.equals(r.field("error_description"))))
                            .as("client %d's latest refresh token after the restart: %s", i, r.rawBody()).isTrue();
                } else {
                    // a token whose rotation was acknowledged never works again
                    String rotatedOut = c.rotated.get(c.rotated.size() - 1);
                    Http.Response r = refresh(url, rotatedOut);
                    assertThat(r.status()).as("client %d's rotated-out token after the restart: %s", i, r.rawBody())
                            .isEqualTo(400);
                }
            }
        } finally {
            auth.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    /** Logs in once, then refreshes in a loop, chaining its tokens, until the server goes away. */
    private static final class Client extends Thread {
        private final String url;
        private final List<String> rotated = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicBoolean failed = new AtomicBoolean();
        private volatile String current;
        private volatile String failure;

        Client(String url, String refreshToken) {
            this.url = url;
            this.current = refreshToken;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Http.Response r;
                try {
                    r = refresh(url, current);
                } catch (IOException | InterruptedException gone) {
                    return;   // the kill: the answer to this request never came
                }
                if (r.status() != 200) {
                    failure = r.status() + " " + r.rawBody();
                    failed.set(true);
                    return;
                }
                String previous = current;
                current = r.field("refresh_token");
                rotated.add(previous);
            }
        }

        void assertHealthy() {
            assertThat(failed.get()).as("a refresh before the kill failed: %s", failure).isFalse();
        }
    }

    private static String login(String url) throws Exception {
        Http.Response r = login(url, "alice", "alice-password");
        assertThat(r.status()).as(r.rawBody()).isEqualTo(200);
        return r.field("refresh_token");
    }

    private static Http.Response login(String url, String username, String password) throws Exception {
        return Http.post(url + "/auth/login", Map.of("username", username, "password", password), null);
    }

    private static Http.Response refresh(String url, String refreshToken) throws IOException, InterruptedException {
        return Http.post(url + "/auth/refresh", Map.of("refresh_token", refreshToken), null);
    }
}
