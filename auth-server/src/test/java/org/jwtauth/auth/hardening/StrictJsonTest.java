package org.jwtauth.auth.hardening;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.auth.hardening.SecurityHeadersAssertions.assertNoInternals;

/**
 * A JSON object with the same key twice is refused: otherwise "the last one wins" in Jackson while a
 * proxy, WAF or audit tool in front may read the first one (a parser differential). Unknown keys,
 * by contrast, are ignored, so that clients may send more than we read.
 */
class StrictJsonTest extends AbstractIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"username\":\"alice\",\"username\":\"admin\",\"password\":\"admin-password\"}",
            "{\"username\":\"admin\",\"password\":\"alice-password\",\"username\":\"alice\"}",
            "{\"username\":\"alice\",\"password\":\"wrong\",\"password\":\"alice-password\"}",
            "{\"username\":\"alice\",\"password\":\"alice-password\",\"password\":\"alice-password\"}",
            "{\"username\":\"alice\",\"password\":\"alice-password\",\"extra\":{\"a\":1,\"a\":2}}",
            "{\"username\":\"alice\",\"password\":\"alice-password\",\"extra\":1,\"extra\":2}",
    })
    void duplicateKeysInALoginAreInvalidRequest(String body) {
        Http.Response r = http.postJson("/auth/login", body);

        assertOAuthError(r, 400, "invalid_request");
        assertThat(r.body()).doesNotContain("access_token");
        assertNoInternals(r);
    }

    @Test
    void duplicateKeysInRefreshAndLogoutAreInvalidRequest() {
        String refreshToken = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String body = "{\"refresh_token\":\"" + "A".repeat(43) + "\",\"refresh_token\":\"" + refreshToken + "\"}";

        assertOAuthError(http.postJson("/auth/refresh", body), 400, "invalid_request");
        assertOAuthError(http.postJson("/auth/logout", body), 400, "invalid_request");
        // The genuine token was never touched: it still refreshes.
        assertThat(refresh(refreshToken).status()).isEqualTo(200);
    }

    @Test
    void duplicateKeysInTheAdminApiAreInvalidRequest() {
        String body = "{\"username\":\"mallory\",\"password\":\"mallory-password\",\"roles\":[\"USER\"],\"roles\":[\"ADMIN\"]}";

        assertOAuthError(http.postJson("/admin/users", body, adminToken()), 400, "invalid_request");
        assertThat(http.get("/admin/users", adminToken()).body()).doesNotContain("mallory");
    }

    @Test
    void unknownKeysAreIgnored() {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"alice-password\",\"grant_type\":\"password\",\"extra\":[\"x\"],\"nested\":{\"a\":1}}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Test
    void keysDifferingInCaseAreDifferentKeys() {
        // "USERNAME" is an unknown key, not a second username: alice logs in, not admin.
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"USERNAME\":\"admin\",\"password\":\"alice-password\"}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        String token = r.field("access_token");
        assertThat(jwksValidator().validate(token).username()).isEqualTo(ALICE);
    }
}
