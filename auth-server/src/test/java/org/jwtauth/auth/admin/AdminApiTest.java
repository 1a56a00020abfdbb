package org.jwtauth.auth.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.jwtauth.token.ValidatedAccessToken;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest extends AbstractIntegrationTest {

    // ---- authentication and authorisation (RFC 6750 challenges from Spring Security)

    @Test
    void noTokenIs401WithBearerChallenge() {
        Http.Response r = http.get("/admin/users");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(http.postJson("/admin/users/alice/revoke", "").status()).isEqualTo(401);
        // alice is untouched
        login(ALICE, ALICE_PASSWORD);
    }

    @Test
    void userTokenIs401InvalidToken() {
        // a token for the resource services is no token for the admin API (see AdminPlaneTest for more)
        String alice = accessToken(ALICE, ALICE_PASSWORD);

        Http.Response r = http.get("/admin/users", alice);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
        Http.Response create = http.postJson("/admin/users", Map.of("username", "mallory", "password", "mallory-password",
                "roles", List.of("ADMIN")), alice);
        assertThat(create.status()).isEqualTo(401);
        assertThat(http.postJson("/admin/users/admin/revoke", "", alice).status()).isEqualTo(401);
        login(ADMIN, ADMIN_PASSWORD);
        assertThat(loginResponse("mallory", "mallory-password").status()).isEqualTo(400);
    }

    @Test
    void authenticatedWithoutTheAdminRoleIs403InsufficientScope() {
        Http.Response r = http.get("/admin/users", demotedAdminToken("demoted"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"insufficient_scope\"");
    }

    @Test
    void garbageTokenIs401InvalidToken() {
        for (String token : List.of("garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl", "x".repeat(7000))) {
            Http.Response r = http.get("/admin/users", token);
            assertThat(r.status()).as("token %s", token.substring(0, Math.min(20, token.length()))).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
        }
        // larger than any token we issue: refused by the validator's size cap, still as an RFC 6750 challenge
        Http.Response huge = http.get("/admin/users", "x".repeat(9000));
        assertThat(huge.status()).isEqualTo(401);
        assertThat(huge.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        String refreshToken = login(ADMIN, ADMIN_PASSWORD).get("refresh_token").asText();

        Http.Response r = http.get("/admin/users", refreshToken);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void expiredAdminTokenIs401InvalidToken() {
        String admin = adminToken();
        assertThat(http.get("/admin/users", admin).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(599));   // iat was truncated to the second: still under a second left
        assertThat(http.get("/admin/users", admin).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));     // now past exp (no clock skew against ourselves)
        Http.Response justAfter = http.get("/admin/users", admin);
        clock.advance(Duration.ofMinutes(1));
        Http.Response after = http.get("/admin/users", admin);

        assertThat(justAfter.status()).isEqualTo(401);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
        // a fresh token works again
        assertThat(http.get("/admin/users", adminToken()).status()).isEqualTo(200);
    }

    // ---- listing and creating users

    @Test
    void listShowsUsersWithoutPasswordHashes() {
        Http.Response r = http.get("/admin/users", adminToken());

        assertThat(r.status()).isEqualTo(200);
        JsonNode users = r.json();
        assertThat(users.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode user : users) {
            names.add(user.get("username").asText());
            assertThat(user.get("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(user.get("enabled").isBoolean()).isTrue();
            assertThat(user.has("created_at")).isTrue();
            assertThat(user.has("password_hash")).isFalse();
            assertThat(user.has("password")).isFalse();
        }
        assertThat(names).contains(ALICE, ADMIN).doesNotHaveDuplicates();
        assertThat(r.body()).doesNotContain("$2a$").doesNotContain("{bcrypt}").doesNotContainIgnoringCase("hash");
        JsonNode admin = find(users, ADMIN);
        assertThat(admin.get("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
    }

    @Test
    void createdUserCanLogInAndIsNormalisedToLowerCase() {
        String admin = adminToken();
        Http.Response r = http.postJson("/admin/users",
                Map.of("username", "  Bob ", "password", "bob-password-1", "roles", List.of("user", "ROLE_auditor")), admin);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).endsWith("/admin/users/bob");
        JsonNode body = r.json();
        assertThat(body.get("username").asText()).isEqualTo("bob");
        assertThat(body.get("roles").toString()).isEqualTo("[\"USER\",\"AUDITOR\"]");
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain("bob-password-1").doesNotContain("$2a$");

        ValidatedAccessToken token = jwksValidator().validate(accessToken("BOB", "bob-password-1"));
        assertThat(token.username()).isEqualTo("bob");
        assertThat(token.roles()).containsExactly("USER", "AUDITOR");
        assertThat(token.subject()).isEqualTo(body.get("id").asText());

        Http.Response duplicate = http.postJson("/admin/users",
                Map.of("username", "bob", "password", "another-password"), admin);
        assertOAuthError(duplicate, 409, "conflict");
        assertOAuthError(http.postJson("/admin/users", Map.of("username", "BOB", "password", "another-password"), admin),
                409, "conflict");
        // the original password still works; the duplicate did not overwrite anything
        login("bob", "bob-password-1");
    }

    @Test
    void rolesDefaultToUser() {
        Http.Response r = http.postJson("/admin/users", Map.of("username", "erin", "password", "erin-password"), adminToken());

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("roles").toString()).isEqualTo("[\"USER\"]");
    }

    @Test
    void lookAlikeUsernamesAreRefused() {
        String admin = adminToken();
        List<String> before = usernames(admin);
        // Cyrillic a, a trailing Hangul filler, full-width, mathematical bold, dotless i, a zero-width
        // space, an accent: all display as (or like) alice and admin
        for (String username : List.of("\u0430lice", "alice\u3164", "\uff41\uff4c\uff49\uff43\uff45",
                "\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E", "adm\u0131n", "ad\u200Bmin", "E\u0301lodie")) {
            Http.Response r = http.postJson("/admin/users", Map.of("username", username, "password", "good-password-1"), admin);
            assertOAuthError(r, 400, "invalid_request");
            assertThat(r.field("error_description")).contains("ASCII");
        }
        assertThat(usernames(admin)).isEqualTo(before);
    }

    @Test
    void aUsernameFromBeforeTheAsciiRuleStillLogsInInEitherSpelling() {
        // created by an earlier version, which allowed letters of any script (NFC)
        jdbc.sql("""
                INSERT INTO users (id, username, password_hash, roles, enabled, created_at)
                SELECT :id, :name, password_hash, 'USER', TRUE, created_at FROM users WHERE username = 'alice'""")
                .param("id", java.util.UUID.randomUUID()).param("name", "\u00e9lodie").update();

        login("\u00c9LODIE", ALICE_PASSWORD);
        login("E\u0301lodie", ALICE_PASSWORD);
    }

    @Test
    void weakPasswordsAreRefused() {
        String admin = adminToken();
        for (String password : List.of("short", "1234567", "frederick", "FREDERICK", " frederick ")) {
            Http.Response r = http.postJson("/admin/users", Map.of("username", "frederick", "password", password), admin);
            assertOAuthError(r, 400, "invalid_request");
        }
        // longer than BCrypt reads
        assertOAuthError(http.postJson("/admin/users", Map.of("username", "frederick", "password", "p".repeat(73)), admin),
                400, "invalid_request");
        assertOAuthError(http.postJson("/admin/users", Map.of("username", "frederick"), admin), 400, "invalid_request");
        // nothing was created
        assertThat(loginResponse("frederick", "frederick").status()).isEqualTo(400);
        assertThat(usernames(admin)).doesNotContain("frederick");
    }

    @Test
    void invalidUsernamesAreRefused() {
        String admin = adminToken();
        List<String> before = usernames(admin);
        for (String username : List.of("has space", "slash/name", "semi;colon", "a".repeat(65), "\u0000", "emoji\uD83D\uDCA9",
                "", "   ")) {
            Http.Response r = http.postJson("/admin/users", Map.of("username", username, "password", "good-password-1"), admin);
            assertOAuthError(r, 400, "invalid_request");
        }
        assertThat(usernames(admin)).isEqualTo(before);
    }

    @Test
    void invalidRolesAreRefused() {
        String admin = adminToken();
        for (String role : List.of("", "ro le", "1ADMIN", "ADMIN!", "R".repeat(33), "ROLE_")) {
            Http.Response r = http.postJson("/admin/users",
                    Map.of("username", "grace", "password", "grace-password", "roles", List.of("USER", role)), admin);
            assertOAuthError(r, 400, "invalid_request");
        }
        assertOAuthError(http.postJson("/admin/users", "{\"username\":\"grace\",\"password\":\"grace-password\",\"roles\":\"ADMIN\"}",
                admin), 400, "invalid_request");
        assertThat(usernames(admin)).doesNotContain("grace");
    }

    @Test
    void createNeedsJson() {
        Http.Response r = http.send(HttpMethod.POST, "/admin/users", MediaType.TEXT_PLAIN, "username=x", adminToken());

        assertOAuthError(r, 415, "invalid_request");
        assertOAuthError(http.postJson("/admin/users", "{not json", adminToken()), 400, "invalid_request");
    }

    // ---- revocation

    @Test
    void revokeEndsRefreshAndLoginAtOnceButIssuedAccessTokensLiveOutTheWindow() {
        JsonNode aliceSession = login(ALICE, ALICE_PASSWORD);
        JsonNode aliceSession2 = login(ALICE, ALICE_PASSWORD);
        String aliceAccess = aliceSession.get("access_token").asText();
        String admin = adminToken();
        clock.advance(Duration.ofSeconds(42));
        Instant now = clock.instant();

        try {
            Http.Response r = http.postJson("/admin/users/Alice/revoke", "", admin);

            assertThat(r.status()).isEqualTo(200);
            JsonNode body = r.json();
            assertThat(body.get("username").asText()).isEqualTo(ALICE);
            assertThat(body.get("enabled").asBoolean()).isFalse();
            assertThat(body.get("refresh_tokens_revoked").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(Instant.parse(body.get("access_tokens_valid_until").asText()))
                    .isEqualTo(now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(600));
            assertThat(body.get("revocation_window_seconds").asLong()).isEqualTo(600);
            assertThat(Instant.parse(body.get("revoked_at").asText())).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));

            // refresh and login are refused right away
            assertOAuthError(refresh(aliceSession.get("refresh_token").asText()), 400, "invalid_grant");
            assertOAuthError(refresh(aliceSession2.get("refresh_token").asText()), 400, "invalid_grant");
            assertOAuthError(loginResponse(ALICE, ALICE_PASSWORD), 400, "invalid_grant");
            assertThat(find(http.get("/admin/users", admin).json(), ALICE).get("enabled").asBoolean()).isFalse();

            // the revocation window: an access token already issued still verifies offline until it expires
            ValidatedAccessToken stillValid = jwksValidator().validate(aliceAccess);
            assertThat(stillValid.username()).isEqualTo(ALICE);
            assertThat(stillValid.expiresAt()).isBeforeOrEqualTo(Instant.parse(body.get("access_tokens_valid_until").asText()));

            // revoking again is harmless and finds nothing left to revoke
            Http.Response again = http.postJson("/admin/users/alice/revoke", "", admin);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("refresh_tokens_revoked").asInt()).isZero();
        } finally {
            // enable brings back login, but not the revoked sessions
            Http.Response enabled = http.postJson("/admin/users/alice/enable", "", admin);
            assertThat(enabled.status()).isEqualTo(200);
            assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        }
        assertOAuthError(refresh(aliceSession2.get("refresh_token").asText()), 400, "invalid_grant");
        JsonNode fresh = login(ALICE, ALICE_PASSWORD);
        assertThat(refresh(fresh.get("refresh_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void revokingOneUserLeavesOthersAlone() {
        String admin = adminToken();
        assertThat(http.postJson("/admin/users", Map.of("username", "carol", "password", "carol-password"), admin).status())
                .isEqualTo(201);
        String carolRefresh = login("carol", "carol-password").get("refresh_token").asText();
        String adminRefresh = login(ADMIN, ADMIN_PASSWORD).get("refresh_token").asText();

        Http.Response r = http.postJson("/admin/users/carol/revoke", "", admin);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("refresh_tokens_revoked").asInt()).isEqualTo(1);
        assertOAuthError(refresh(carolRefresh), 400, "invalid_grant");
        assertThat(refresh(adminRefresh).status()).isEqualTo(200);
        login(ALICE, ALICE_PASSWORD);
    }

    @Test
    void revokeOrEnableUnknownUserIs404() {
        String admin = adminToken();

        assertOAuthError(http.postJson("/admin/users/nobody/revoke", "", admin), 404, "not_found");
        assertOAuthError(http.postJson("/admin/users/nobody/enable", "", admin), 404, "not_found");
    }

    private List<String> usernames(String admin) {
        List<String> names = new ArrayList<>();
        http.get("/admin/users", admin).json().forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    private static JsonNode find(JsonNode users, String username) {
        for (JsonNode user : users) {
            if (user.get("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in " + users);
    }
}
