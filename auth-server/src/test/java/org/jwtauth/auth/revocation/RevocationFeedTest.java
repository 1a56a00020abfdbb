package org.jwtauth.auth.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.Http;
import org.jwtauth.auth.oauth2.OAuthIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /auth/revocations: the fixed wire format resource services poll. */
@TestPropertySource(properties = {
        "auth.clients[0].client-id=" + OAuthIntegrationTest.CLIENT_ID,
        "auth.clients[0].client-secret-hash={bcrypt}$2a$10$MngAJ1w3mn4NFSk5l9bYdu0n19jHGxy.0/QeMSS3VqSu9czNf4maG",
        "auth.clients[0].operations=introspect,revocation-feed",
        "auth.clients[1].client-id=introspect-only",
        "auth.clients[1].client-secret-hash={bcrypt}$2a$04$IdKH91OxTAfrrfmgtyGUJuubg9NmlvFIF8V131Rka0f4UrJmF/V/G",
        "auth.clients[1].operations=introspect"})
class RevocationFeedTest extends OAuthIntegrationTest {

    /** access-token TTL (600 s) + 5 minutes */
    private static final long HORIZON = ACCESS_TTL_SECONDS + 300;

    private Http.Response feed(String query) {
        return getWith("/auth/revocations" + query, "Authorization", demoClient());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void listsEachRevokedUserOnceWithTheLatestRevocationInOrder() {
        clock.advance(Duration.ofDays(1));   // away from the other tests' revocations
        long start = now();
        String erin = createUser("erin");
        String frank = createUser("frank");
        String erinSub = subjectOf(erin);
        String frankSub = subjectOf(frank);

        revoke(erin);                         // at start
        clock.advance(Duration.ofMillis(1500));
        revoke(frank);                        // at start + 1.5 s -> floor start + 1
        clock.advance(Duration.ofSeconds(2));
        enable(erin);
        revoke(erin);                         // again, at start + 3.5 s: only the latest counts

        Http.Response r = feed("?since=" + start);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.json().get("as_of").asLong()).isEqualTo(now());
        assertThat(entries(r)).containsExactly(frankSub + "@" + (start + 1), erinSub + "@" + (start + 3));
        assertThat(r.json().fieldNames()).toIterable().containsExactlyInAnyOrder("revocations", "as_of");
        assertThat(r.json().get("revocations").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("sub", "revoked_at");
    }

    @Test
    void sinceIsInclusiveAndBoundedByTheAccessTokenLifetime() {
        clock.advance(Duration.ofDays(2));
        String gina = createUser("gina");
        String sub = subjectOf(gina);
        long revokedAt = now();
        revoke(gina);

        assertThat(entries(feed("?since=" + revokedAt))).containsExactly(sub + "@" + revokedAt);
        assertThat(entries(feed("?since=" + (revokedAt + 1)))).isEmpty();
        assertThat(entries(feed(""))).containsExactly(sub + "@" + revokedAt);
        assertThat(entries(feed("?since=0"))).containsExactly(sub + "@" + revokedAt);

        // still within access-token TTL + 5 min: listed, even without since
        clock.advance(Duration.ofSeconds(HORIZON));
        assertThat(entries(feed(""))).containsExactly(sub + "@" + revokedAt);
        // beyond: no unexpired token can predate it, so it is left out even for since=0
        clock.advance(Duration.ofSeconds(1));
        assertThat(entries(feed(""))).isEmpty();
        assertThat(entries(feed("?since=0"))).isEmpty();
        assertThat(feed("?since=0").json().get("as_of").asLong()).isEqualTo(now());
    }

    @Test
    void theSubjectIsTheAccessTokensSub() {
        clock.advance(Duration.ofDays(3));
        String hank = createUser("hank");
        String access = accessToken(hank, "hank-password-1");
        revoke(hank);

        String sub = jwksValidator().validate(access).subject();
        JsonNode entry = feed("").json().get("revocations").get(0);
        assertThat(entry.get("sub").asText()).isEqualTo(sub);
        // what a consumer does: reject tokens with iat <= revoked_at for that sub
        long iat = ((java.time.Instant) jwksValidator().validate(access).claims().get("iat")).getEpochSecond();
        assertThat(iat).isLessThanOrEqualTo(entry.get("revoked_at").asLong());
    }

    @Test
    void sinceMustBeANonNegativeInteger() {
        for (String bad : List.of("-1", "abc", "1.5", "", "+5", "1e9", "%201", "0x10")) {
            Http.Response r = feed("?since=" + bad);
            assertThat(r.status()).as("since=%s: %s", bad, r).isEqualTo(400);
            assertThat(r.field("error")).isEqualTo("invalid_request");
        }
        assertOAuthError(feed("?since=1&since=2"), 400, "invalid_request");
        // far in the future is no error, just nothing yet
        Http.Response huge = feed("?since=99999999999999999999999");
        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.json().get("revocations")).isEmpty();
    }

    @Test
    void onlyClientsAllowedToReadTheFeedGetIt() {
        assertInvalidClient(getWith("/auth/revocations"));
        assertInvalidClient(getWith("/auth/revocations", "Authorization", basic(CLIENT_ID, "wrong-secret")));
        assertInvalidClient(getWith("/auth/revocations", "Authorization", basic("nobody", CLIENT_SECRET)));
        // authenticated, but not allowed this operation
        assertInvalidClient(getWith("/auth/revocations", "Authorization", basic("introspect-only", "no-ops-secret")));
        // credentials in the URL are not looked at
        assertInvalidClient(getWith("/auth/revocations?client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET));
        // a user's access token is no client credential, not even an admin's
        assertInvalidClient(getWith("/auth/revocations", "Authorization", "Bearer " + adminToken()));
        // the introspect-only client may introspect, though
        assertThat(postForm("/oauth2/introspect", form("token", "x"), "Authorization", basic("introspect-only", "no-ops-secret"))
                .status()).isEqualTo(200);
    }

    private List<String> entries(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("revocations").forEach(e -> out.add(e.get("sub").asText() + "@" + e.get("revoked_at").asLong()));
        return out;
    }

    private String createUser(String name) {
        Http.Response r = http.postJson("/admin/users", Map.of("username", name, "password", name + "-password-1"), adminToken());
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return name;
    }

    private String subjectOf(String name) {
        return jwksValidator().validate(accessToken(name, name + "-password-1")).subject();
    }

    private void revoke(String name) {
        assertThat(http.postJson("/admin/users/" + name + "/revoke", "", adminToken()).status()).isEqualTo(200);
    }

    private void enable(String name) {
        assertThat(http.postJson("/admin/users/" + name + "/enable", "", adminToken()).status()).isEqualTo(200);
    }
}
