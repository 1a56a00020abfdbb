package org.jwtauth.auth.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.Http;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.oauth2.OAuthIntegrationTest;
import org.jwtauth.auth.user.UserRepository;
import org.jwtauth.auth.user.UserService;
import org.jwtauth.token.InvalidAccessTokenException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin plane as an attacker would try it: a revoked admin's token, a token meant for the
 * resource services, an admin scope for someone who is no admin, revoking oneself or the last admin.
 */
class AdminPlaneTest extends OAuthIntegrationTest {

    @Autowired
    UserService userService;

    @Autowired
    UserRepository users;

    @Test
    void aRevokedAdminLosesAdminRightsWithTheNextRequest() {
        createAdmin("admin2");
        String admin2 = adminLogin("admin2", "admin2-password").get("access_token").asText();
        assertThat(http.get("/admin/users", admin2).status()).isEqualTo(200);

        assertThat(http.postJson("/admin/users/admin2/revoke", "", adminToken()).status()).isEqualTo(200);

        // every admin call with the token admin2 still holds is refused, with nothing done
        assertInvalidToken(http.postJson("/admin/users/admin2/enable", "", admin2));
        assertInvalidToken(http.postJson("/admin/users", Map.of("username", "mallory", "password", "mallory-password",
                "roles", List.of("USER", "ADMIN")), admin2));
        assertInvalidToken(http.postJson("/admin/users/admin/revoke", "", admin2));
        assertInvalidToken(http.get("/admin/keys", admin2));
        assertInvalidToken(http.postJson("/admin/keys/rotate", "", admin2));
        assertOAuthError(loginResponse("admin2", "admin2-password"), 400, "invalid_grant");
        assertThat(users.findByUsername("mallory")).isEmpty();
        assertThat(users.findByUsername("admin").orElseThrow().enabled()).isTrue();
        assertThat(users.findByUsername("admin2").orElseThrow().enabled()).isFalse();

        // re-enabled, admin2 needs a new token: the old one was issued before the revocation
        clock.advance(Duration.ofSeconds(1));
        assertThat(http.postJson("/admin/users/admin2/enable", "", adminToken()).status()).isEqualTo(200);
        assertInvalidToken(http.get("/admin/users", admin2));
        assertThat(http.get("/admin/users", adminLogin("admin2", "admin2-password").get("access_token").asText()).status())
                .isEqualTo(200);
    }

    @Test
    void rolesAreReadFromTheDatabaseNotFromTheToken() {
        String demoted = demotedAdminToken("demoted");
        assertThat(payload(demoted)).contains("\"ADMIN\"");   // the token still says ADMIN

        Http.Response r = http.postJson("/admin/users", Map.of("username", "mallory", "password", "mallory-password"), demoted);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
        assertThat(users.findByUsername("mallory")).isEmpty();
    }

    @Test
    void aTokenForTheResourceServicesIsRefusedByTheAdminApi() {
        // the admin's own token, as any resource service sees it: same user, same roles, other audience
        String resourceToken = accessToken(ADMIN, ADMIN_PASSWORD);
        assertThat(jwksValidator().validate(resourceToken).roles()).contains("ADMIN");

        Http.Response r = http.get("/admin/users", resourceToken);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"")
                .contains("log in with scope admin");
        assertThat(http.postJson("/admin/users/alice/revoke", "", resourceToken).status()).isEqualTo(401);
        assertThat(users.findByUsername(ALICE).orElseThrow().enabled()).isTrue();
    }

    @Test
    void anAdminTokenIsRefusedByTheResourceServices() {
        String adminToken = adminToken();

        assertThatThrownBy(() -> jwksValidator().validate(adminToken)).isInstanceOf(InvalidAccessTokenException.class)
                .satisfies(e -> assertThat(((InvalidAccessTokenException) e).reason()).isEqualTo(InvalidAccessTokenException.Reason.AUDIENCE));
        assertThat(payload(adminToken)).contains("\"aud\":[\"" + ISSUER + "/admin\"]").contains("\"scope\":\"admin\"");
    }

    @Test
    void onlyAnAdminGetsTheAdminScope() {
        Http.Response alice = http.postJson("/auth/login", Map.of("username", ALICE, "password", ALICE_PASSWORD, "scope", "admin"));
        assertOAuthError(alice, 400, "invalid_scope");
        Http.Response unknown = http.postJson("/auth/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "scope", "root"));
        assertOAuthError(unknown, 400, "invalid_scope");
        Http.Response form = postForm("/oauth2/token", form("grant_type", "password", "username", ALICE,
                "password", ALICE_PASSWORD, "scope", "admin"));
        assertOAuthError(form, 400, "invalid_scope");

        JsonNode admin = adminLogin(ADMIN, ADMIN_PASSWORD);
        assertThat(admin.get("scope").asText()).isEqualTo("admin");
        assertThat(login(ADMIN, ADMIN_PASSWORD).has("scope")).as("no scope for the default").isFalse();
        Http.Response viaForm = postForm("/oauth2/token", form("grant_type", "password", "username", ADMIN,
                "password", ADMIN_PASSWORD, "scope", "admin"));
        assertThat(viaForm.status()).isEqualTo(200);
        assertThat(http.get("/admin/users", viaForm.field("access_token")).status()).isEqualTo(200);
    }

    @Test
    void aRefreshKeepsTheScopeAndNeverWidensIt() {
        Http.Response refreshed = refresh(adminLogin(ADMIN, ADMIN_PASSWORD).get("refresh_token").asText());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.field("scope")).isEqualTo("admin");
        assertThat(http.get("/admin/users", refreshed.field("access_token")).status()).isEqualTo(200);

        String resourceRefresh = login(ADMIN, ADMIN_PASSWORD).get("refresh_token").asText();
        assertOAuthError(postForm("/oauth2/token", form("grant_type", "refresh_token", "refresh_token", resourceRefresh,
                "scope", "admin")), 400, "invalid_scope");
        Http.Response plain = refresh(resourceRefresh);
        assertThat(plain.status()).as("the refused widening did not use up the token").isEqualTo(200);
        assertThat(plain.field("scope")).isNull();
        assertThat(http.get("/admin/users", plain.field("access_token")).status()).isEqualTo(401);
    }

    @Test
    void anAdminScopedSessionEndsWhenTheRoleIsGone() {
        createAdmin("fading");
        String refreshToken = adminLogin("fading", "fading-password").get("refresh_token").asText();
        jdbc.sql("UPDATE users SET roles = 'USER' WHERE username = 'fading'").update();

        assertOAuthError(refresh(refreshToken), 400, "invalid_grant");
    }

    @Test
    void nobodyRevokesThemselves() {
        Http.Response r = http.postJson("/admin/users/admin/revoke", "", adminToken());

        assertOAuthError(r, 409, "conflict");
        assertThat(users.findByUsername(ADMIN).orElseThrow().enabled()).isTrue();
        assertThat(http.get("/admin/users", adminToken()).status()).isEqualTo(200);
    }

    @Test
    void theLastEnabledAdminIsNeverRevoked() {
        // Over HTTP the caller is an enabled admin and not the target, so a second admin exists; the rule
        // binds the server's own callers too (actor null), which is how it is reached here.
        List<String> otherAdmins = enabledAdminsBut(ADMIN);
        setEnabled(otherAdmins, false);
        try {
            assertThatThrownBy(() -> userService.revoke(ADMIN, null)).isInstanceOf(ApiException.class)
                    .hasMessageContaining("last enabled admin")
                    .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo("conflict"));
            assertThat(users.findByUsername(ADMIN).orElseThrow().enabled()).isTrue();
        } finally {
            setEnabled(otherAdmins, true);
        }
    }

    @Test
    void anAdminRevokedWhileTheirRequestWaitsDoesNotRevokeAnyone() {
        createAdmin("late");
        UUID lateId = users.findByUsername("late").orElseThrow().id();
        users.disable(lateId, clock.instant());

        assertThatThrownBy(() -> userService.revoke(ALICE, lateId)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo("access_denied"));
        assertThat(users.findByUsername(ALICE).orElseThrow().enabled()).isTrue();
    }

    @Test
    void twoAdminsRevokingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        createAdmin("rival");
        // just these two admins, whatever other tests of this class left enabled
        List<String> others = enabledAdminsBut(ADMIN, "rival");
        setEnabled(others, false);
        for (int round = 0; round < 20; round++) {
            String admin = adminToken();
            String rival = adminLogin("rival", "rival-password").get("access_token").asText();

            List<Integer> statuses = concurrently(2, new java.util.concurrent.Callable<>() {
                private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public Integer call() {
                    return next.getAndIncrement() == 0
                            ? http.postJson("/admin/users/rival/revoke", "", admin).status()
                            : http.postJson("/admin/users/admin/revoke", "", rival).status();
                }
            });

            // the loser is refused by the filter (401) or, already past it, by the service once it is its turn (403)
            assertThat(statuses).as("round %d", round).containsOnlyOnce(200).allMatch(s -> s == 200 || s == 401 || s == 403);
            long enabledAdmins = users.findAll().stream()
                    .filter(u -> u.enabled() && u.roles().contains("ADMIN")).count();
            assertThat(enabledAdmins).as("round %d", round).isEqualTo(1);
            // put both back for the next round, with new tokens issued after the revocation
            clock.advance(Duration.ofSeconds(1));
            String survivor = users.findByUsername(ADMIN).orElseThrow().enabled() ? adminToken()
                    : adminLogin("rival", "rival-password").get("access_token").asText();
            for (String name : List.of(ADMIN, "rival")) {
                assertThat(http.postJson("/admin/users/" + name + "/enable", "", survivor).status()).isEqualTo(200);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        setEnabled(others, true);
    }

    private void createAdmin(String username) {
        Http.Response created = http.postJson("/admin/users", Map.of("username", username, "password", username + "-password",
                "roles", List.of("USER", "ADMIN")), adminToken());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    private List<String> enabledAdminsBut(String... names) {
        return users.findAll().stream().filter(u -> u.enabled() && u.roles().contains("ADMIN"))
                .map(u -> u.username()).filter(n -> !List.of(names).contains(n)).toList();
    }

    private void setEnabled(List<String> usernames, boolean enabled) {
        for (String name : usernames) {
            jdbc.sql("UPDATE users SET enabled = :enabled WHERE username = :name").param("enabled", enabled)
                    .param("name", name).update();
        }
    }

    private static void assertInvalidToken(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
    }
}
