package org.jwtauth.auth.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters move with what happens over HTTP, and the scrape shows them with low-cardinality tags only. */
class MetricsTest extends AbstractIntegrationTest {

    @Autowired
    MeterRegistry registry;

    @LocalManagementPort
    int managementPort;

    /** Leaves earlier throttle counts (this class's own failed logins) behind. */
    @BeforeEach
    void leaveEarlierFailuresBehind() {
        clock.advance(Duration.ofHours(1));
    }

    double count(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }

    double logins(String outcome) {
        return count("auth.logins", "outcome", outcome);
    }

    double refreshes(String outcome) {
        return count("auth.refreshes", "outcome", outcome);
    }

    @Test
    void loginsAreCountedByOutcome() {
        double success = logins("success");
        double badCredentials = logins("bad_credentials");

        login(ALICE, ALICE_PASSWORD);
        assertOAuthError(loginResponse(ALICE, "wrong-password"), 400, "invalid_grant");
        assertOAuthError(loginResponse("nobody-at-all", "wrong-password"), 400, "invalid_grant");

        assertThat(logins("success")).isEqualTo(success + 1);
        assertThat(logins("bad_credentials")).isEqualTo(badCredentials + 2);
    }

    @Test
    void aDisabledUserWithTheRightPasswordIsCountedAsDisabled() {
        String admin = adminToken();
        assertThat(http.postJson("/admin/users", Map.of("username", "dora", "password", "dora-password", "roles", List.of("USER")),
                admin).status()).isEqualTo(201);
        assertThat(http.postJson("/admin/users/dora/revoke", "", admin).status()).isEqualTo(200);
        double disabled = logins("disabled");
        double badCredentials = logins("bad_credentials");

        assertOAuthError(loginResponse("dora", "dora-password"), 400, "invalid_grant");
        assertOAuthError(loginResponse("dora", "not-doras-password"), 400, "invalid_grant");

        assertThat(logins("disabled")).isEqualTo(disabled + 1);
        assertThat(logins("bad_credentials")).as("a wrong password is bad credentials, disabled or not")
                .isEqualTo(badCredentials + 1);
    }

    @Test
    void throttledLoginsAreCountedWithoutCheckingThePassword() {
        for (int i = 0; i < 5; i++) {
            assertOAuthError(loginResponse("victim", "guess-" + i), 400, "invalid_grant");
        }
        double throttled = logins("throttled");
        double badCredentials = logins("bad_credentials");

        assertThat(loginResponse("victim", "guess-6").status()).isEqualTo(429);

        assertThat(logins("throttled")).isEqualTo(throttled + 1);
        assertThat(logins("bad_credentials")).isEqualTo(badCredentials);
    }

    @Test
    void refreshesAreCountedByOutcomeAndReuseIsCountedOnItsOwn() {
        double success = refreshes("success");
        double invalid = refreshes("invalid");
        double reused = refreshes("reused");
        double reuseDetected = count("auth.refresh.reuse.detected");

        String first = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        assertThat(refresh(first).status()).isEqualTo(200);
        assertOAuthError(refresh("not-a-refresh-token"), 400, "invalid_grant");
        assertOAuthError(refresh(first), 400, "invalid_grant"); // already rotated: reuse

        assertThat(refreshes("success")).isEqualTo(success + 1);
        assertThat(refreshes("invalid")).isEqualTo(invalid + 1);
        assertThat(refreshes("reused")).isEqualTo(reused + 1);
        assertThat(count("auth.refresh.reuse.detected")).isEqualTo(reuseDetected + 1);
    }

    @Test
    void theAdminApisTokenValidationIsCountedByReasonAndTimed() {
        double valid = count("auth.admin.token.validation", "outcome", "valid", "reason", "none");
        double malformed = count("auth.admin.token.validation", "outcome", "invalid", "reason", "malformed");
        long timed = registry.get("auth.admin.token.validation.latency").timer().count();

        assertThat(http.get("/admin/users", adminToken()).status()).isEqualTo(200);
        assertThat(http.get("/admin/users", "not-a-token").status()).isEqualTo(401);

        assertThat(count("auth.admin.token.validation", "outcome", "valid", "reason", "none")).isEqualTo(valid + 1);
        assertThat(count("auth.admin.token.validation", "outcome", "invalid", "reason", "malformed")).isEqualTo(malformed + 1);
        assertThat(registry.get("auth.admin.token.validation.latency").timer().count()).isEqualTo(timed + 2);
    }

    @Test
    void theScrapeCarriesNoUsernamesTokensOrAddresses() {
        Http.Response login = loginResponse("scrape-probe-user", "wrong-password");
        assertThat(login.status()).isEqualTo(400);
        String refreshToken = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();

        Http.Response scrape = new Http(managementPort).get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("auth_logins_total{application=\"auth-server\",outcome=\"bad_credentials\"}")
                .doesNotContain("scrape-probe-user", "alice", refreshToken, "127.0.0.1");
    }
}
