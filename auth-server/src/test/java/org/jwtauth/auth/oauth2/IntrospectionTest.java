package org.jwtauth.auth.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.Http;
import org.jwtauth.token.ValidatedAccessToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /oauth2/introspect (RFC 7662): the online check that sees revocations at once. */
class IntrospectionTest extends OAuthIntegrationTest {

    private static final String INTROSPECT = "/oauth2/introspect";

    @Test
    void anActiveAccessTokenHasTheRfc7662Fields() {
        String token = accessToken(ALICE, ALICE_PASSWORD);
        ValidatedAccessToken offline = jwksValidator().validate(token);

        Http.Response r = introspect(token);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertNoStore(r);
        JsonNode json = r.json();
        assertThat(json.get("active").asBoolean()).isTrue();
        assertThat(json.get("sub").asText()).isEqualTo(offline.subject());
        assertThat(json.get("username").asText()).isEqualTo(ALICE);
        assertThat(json.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(json.get("aud").get(0).asText()).isEqualTo(AUDIENCE);
        assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(json.get("exp").asLong()).isEqualTo(offline.expiresAt().getEpochSecond());
        assertThat(json.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(json.get("exp").asLong() - json.get("iat").asLong()).isEqualTo(ACCESS_TTL_SECONDS);
        assertThat(json.get("jti").asText()).isEqualTo(offline.claims().get("jti"));
        assertThat(json.get("roles").get(0).asText()).isEqualTo("USER");
    }

    @Test
    void aRevokedUsersUnexpiredAccessTokenIsInactiveWhileItStillValidatesOffline() {
        String bob = createUser("bob");
        String token = accessToken(bob, "bob-password-1");
        assertThat(introspect(token).json().get("active").asBoolean()).isTrue();
        clock.advance(Duration.ofSeconds(5));

        assertThat(http.postJson("/admin/users/" + bob + "/revoke", "", adminToken()).status()).isEqualTo(200);

        assertThat(introspect(token).body()).isEqualTo("{\"active\":false}");
        // the offline check (what a resource service does) still accepts it: the revocation window
        assertThat(jwksValidator().validate(token).username()).isEqualTo(bob);

        // re-enabled: new tokens are active, tokens from before the revocation stay inactive
        clock.advance(Duration.ofSeconds(5));
        assertThat(http.postJson("/admin/users/" + bob + "/enable", "", adminToken()).status()).isEqualTo(200);
        String fresh = accessToken(bob, "bob-password-1");
        assertThat(introspect(fresh).json().get("active").asBoolean()).isTrue();
        assertThat(introspect(token).json().get("active").asBoolean()).isFalse();
    }

    @Test
    void aTokenIssuedInTheSecondOfTheRevocationCountsAsRevoked() {
        // iat has whole seconds; the revocation is in the same second but later: still iat <= revoked_at
        String carol = createUser("carol");
        clock.advance(Duration.ofSeconds(1));
        String token = accessToken(carol, "carol-password-1");
        clock.advance(Duration.ofMillis(10));
        assertThat(http.postJson("/admin/users/" + carol + "/revoke", "", adminToken()).status()).isEqualTo(200);
        // enabled again at once, so that only the revocation time can make the token inactive
        assertThat(http.postJson("/admin/users/" + carol + "/enable", "", adminToken()).status()).isEqualTo(200);

        assertThat(introspect(token).json().get("active").asBoolean()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(introspect(accessToken(carol, "carol-password-1")).json().get("active").asBoolean()).isTrue();
    }

    @Test
    void anExpiredOrForeignOrGarbageTokenIsInactive() {
        String token = accessToken(ALICE, ALICE_PASSWORD);
        for (String garbage : List.of("garbage", "a.b.c", token + "x", token.substring(0, token.lastIndexOf('.') + 1),
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.", "U".repeat(43))) {
            Http.Response r = introspect(garbage);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"active\":false}");
        }
        clock.advance(Duration.ofSeconds(ACCESS_TTL_SECONDS));
        assertThat(introspect(token).body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aRefreshTokenIsActiveExactlyWhileItCanBeExchanged() {
        JsonNode login = login(ALICE, ALICE_PASSWORD);
        String first = login.get("refresh_token").asText();
        String sub = jwksValidator().validate(login.get("access_token").asText()).subject();

        JsonNode active = introspect(first).json();
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("sub").asText()).isEqualTo(sub);
        assertThat(active.get("username").asText()).isEqualTo(ALICE);
        assertThat(active.get("exp").asLong() - active.get("iat").asLong()).isBetween(REFRESH_TTL_SECONDS - 1, REFRESH_TTL_SECONDS);
        assertThat(active.has("token_type")).as("a refresh token is no access token type").isFalse();

        String second = refresh(first).field("refresh_token");
        assertThat(introspect(first).json().get("active").asBoolean()).as("rotated").isFalse();
        assertThat(introspect(second).json().get("active").asBoolean()).isTrue();

        assertThat(logout(second).status()).isEqualTo(204);
        assertThat(introspect(second).body()).as("revoked").isEqualTo("{\"active\":false}");

        String third = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        clock.advance(Duration.ofSeconds(REFRESH_TTL_SECONDS));
        assertThat(introspect(third).body()).as("expired").isEqualTo("{\"active\":false}");
    }

    @Test
    void aRevokedUsersRefreshTokenIsInactive() {
        String dave = createUser("dave");
        String refresh = login(dave, "dave-password-1").get("refresh_token").asText();
        assertThat(introspect(refresh).json().get("active").asBoolean()).isTrue();

        assertThat(http.postJson("/admin/users/" + dave + "/revoke", "", adminToken()).status()).isEqualTo(200);

        assertThat(introspect(refresh).body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void onlyAuthenticatedClientsAllowedToIntrospectMayAsk() {
        String token = accessToken(ALICE, ALICE_PASSWORD);

        assertInvalidClient(postForm(INTROSPECT, form("token", token)));
        assertInvalidClient(postForm(INTROSPECT, form("token", token), "Authorization", basic(CLIENT_ID, "wrong-secret")));
        assertInvalidClient(postForm(INTROSPECT, form("token", token), "Authorization", basic("nobody", CLIENT_SECRET)));
        assertInvalidClient(postForm(INTROSPECT, form("token", token, "client_id", CLIENT_ID)));
        // a bearer token is no client credential
        assertInvalidClient(postForm(INTROSPECT, form("token", token), "Authorization", "Bearer " + token));

        // client_secret_post works too
        Http.Response post = postForm(INTROSPECT, form("token", token, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
        assertThat(post.json().get("active").asBoolean()).isTrue();
    }

    @Test
    void malformedRequestsAreInvalidRequest() {
        String token = accessToken(ALICE, ALICE_PASSWORD);
        assertOAuthError(postForm(INTROSPECT, "", "Authorization", demoClient()), 400, "invalid_request");
        assertOAuthError(postForm(INTROSPECT, form("token", token, "token", "garbage"), "Authorization", demoClient()),
                400, "invalid_request");
        assertOAuthError(post(INTROSPECT, "application/json", "{\"token\":\"" + token + "\"}", "Authorization", demoClient()),
                400, "invalid_request");
        assertOAuthError(postForm(INTROSPECT + "?token=" + token, "", "Authorization", demoClient()), 400, "invalid_request");
        // the client is checked before the request is looked at: nothing for strangers
        assertInvalidClient(postForm(INTROSPECT, ""));
    }

    private String createUser(String name) {
        Http.Response r = http.postJson("/admin/users", Map.of("username", name, "password", name + "-password-1"), adminToken());
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return name;
    }
}
