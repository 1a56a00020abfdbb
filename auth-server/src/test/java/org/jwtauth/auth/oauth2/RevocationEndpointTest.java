package org.jwtauth.auth.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /oauth2/revoke (RFC 7009). */
class RevocationEndpointTest extends OAuthIntegrationTest {

    private static final String REVOKE = "/oauth2/revoke";

    @Test
    void revokingARefreshTokenEndsItsWholeSession() {
        String first = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String second = refresh(first).field("refresh_token");
        String otherSession = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();

        Http.Response r = postForm(REVOKE, form("token", second, "token_type_hint", "refresh_token"));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body()).isNullOrEmpty();
        assertNoStore(r);
        assertOAuthError(refresh(second), 400, "invalid_grant");
        assertThat(introspect(second).json().get("active").asBoolean()).isFalse();
        // another login of the same user is another session
        assertThat(refresh(otherSession).status()).isEqualTo(200);
    }

    @Test
    void revokingAnOlderTokenOfTheSessionRevokesTheSessionToo() {
        String first = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String second = refresh(first).field("refresh_token");

        assertThat(postForm(REVOKE, form("token", first)).status()).isEqualTo(200);

        assertThat(refresh(second).status()).isEqualTo(400);
    }

    @Test
    void unknownExpiredOrMalformedTokensAre200() {
        String access = accessToken(ALICE, ALICE_PASSWORD);
        clock.advance(Duration.ofSeconds(ACCESS_TTL_SECONDS));
        for (String token : List.of("U".repeat(43), "garbage", "a.b.c", access, "x".repeat(5000))) {
            Http.Response r = postForm(REVOKE, form("token", token));
            assertThat(r.status()).as("token %s…: %s", token.substring(0, 5), r).isEqualTo(200);
        }
        // an unknown hint is no error either: the type is told from the token
        assertThat(postForm(REVOKE, form("token", "garbage", "token_type_hint", "id_token")).status()).isEqualTo(200);
    }

    @Test
    void aValidAccessTokenIsAnUnsupportedTokenTypeAndKeepsWorking() {
        String access = accessToken(ALICE, ALICE_PASSWORD);

        Http.Response r = postForm(REVOKE, form("token", access, "token_type_hint", "access_token"));

        assertOAuthError(r, 400, "unsupported_token_type");
        assertThat(jwksValidator().validate(access).username()).isEqualTo(ALICE);
        assertThat(introspect(access).json().get("active").asBoolean()).isTrue();
    }

    @Test
    void clientCredentialsAreOptionalButMustBeValid() {
        JsonNode login = login(ALICE, ALICE_PASSWORD);
        String refresh = login.get("refresh_token").asText();

        assertInvalidClient(postForm(REVOKE, form("token", refresh), "Authorization", basic(CLIENT_ID, "wrong-secret")));
        assertInvalidClient(postForm(REVOKE, form("token", refresh, "client_id", CLIENT_ID)));
        assertThat(refresh(refresh).status()).as("not revoked by refused requests").isEqualTo(200);

        String next = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        assertThat(postForm(REVOKE, form("token", next), "Authorization", demoClient()).status()).isEqualTo(200);
        assertThat(refresh(next).status()).isEqualTo(400);
    }

    @Test
    void malformedRequestsAreInvalidRequest() {
        String refresh = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        assertOAuthError(postForm(REVOKE, ""), 400, "invalid_request");
        assertOAuthError(postForm(REVOKE, form("token_type_hint", "refresh_token")), 400, "invalid_request");
        assertOAuthError(postForm(REVOKE, form("token", refresh, "token", "U".repeat(43))), 400, "invalid_request");
        assertOAuthError(post(REVOKE, "application/json", "{\"token\":\"" + refresh + "\"}"), 400, "invalid_request");
        assertOAuthError(postForm(REVOKE + "?token=" + refresh, ""), 400, "invalid_request");
        assertThat(refresh(refresh).status()).as("not revoked by refused requests").isEqualTo(200);
    }
}
