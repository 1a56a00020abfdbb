package org.jwtauth.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

            List<RefreshingClient> clients = RefreshingClient.startAndAwait(auth.baseUrl(), CLIENTS, ROTATIONS_BEFORE_THE_KILL);
            Http.Response created = Http.post(auth.baseUrl() + "/admin/users",
                    Map.of("username", "survivor", "password", "survivor-password"), admin);
            assertThat(created.status()).as(created.rawBody()).isEqualTo(201);

            auth.kill();   // the clients are still refreshing
            for (RefreshingClient c : clients) {
                c.join(30_000);
                assertThat(c.isAlive()).isFalse();
            }

            restarted = ServiceProcess.start("auth-server", "e2e.authServerJar", work.resolve("after"), args);
            restarted.awaitReady("/.well-known/jwks.json", ServiceProcess.STARTUP);
            String url = restarted.baseUrl();

            assertThat(RefreshingClient.login(url, "survivor", "survivor-password").status()).as("the user created before the kill").isEqualTo(200);
            for (int i = 0; i < clients.size(); i++) {
                RefreshingClient c = clients.get(i);
                if (i % 2 == 0) {
                    // the latest token a client holds is known: usable, or used by the request the kill cut off
                    Http.Response r = RefreshingClient.refresh(url, c.current);
                    assertThat(r.status() == 200 || (r.status() == 400 && !RefreshingClient.UNKNOWN.equals(r.field("error_description"))))
                            .as("client %d's latest refresh token after the restart: %s", i, r.rawBody()).isTrue();
                } else {
                    // a token whose rotation was acknowledged never works again
                    String rotatedOut = c.rotated.get(c.rotated.size() - 1);
                    Http.Response r = RefreshingClient.refresh(url, rotatedOut);
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
}
