package org.jwtauth.auth.throttle;

import org.jwtauth.auth.AuthServerLauncher;
import org.jwtauth.auth.DatabaseTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A lockout lives in the database: restarting the server (or asking another replica) does not lift it. */
@DatabaseTest
class LoginThrottleRestartTest {

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext start() {
        // long enough that a slow restart cannot outlast it: the real clock runs on here
        return AuthServerLauncher.start(dataDir, "--auth.login-throttle.lockout=PT10M");
    }

    private static Http.Response login(ConfigurableApplicationContext context, String password) {
        Http http = new Http(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        return http.postJson("/auth/login", Map.of("username", "alice", "password", password));
    }

    @Test
    void aLockoutSurvivesARestart() {
        try (ConfigurableApplicationContext first = start()) {
            for (int i = 0; i < 5; i++) {
                assertThat(login(first, "wrong-password").status()).isEqualTo(400);
            }
            assertThat(login(first, "alice-password").status()).isEqualTo(429);
        }

        try (ConfigurableApplicationContext second = start()) {
            Http.Response r = login(second, "alice-password");

            assertThat(r.status()).as("%s", r).isEqualTo(429);
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 600L);
            assertThat(r.body()).isEqualTo(ThrottleAssertions.BODY);
        }
    }
}
