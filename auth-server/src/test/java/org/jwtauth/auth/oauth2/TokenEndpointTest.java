package org.jwtauth.auth.oauth2;

import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /oauth2/token: RFC 6749 form requests, answered like the JSON API by the same TokenService. */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointTest extends OAuthIntegrationTest {

    private static final String TOKEN = "/oauth2/token";

    private Http.Response passwordGrant(String... extraHeaders) {
        return postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD), extraHeaders);
    }

    @Test
    void passwordGrantIssuesTheSameTokensAsTheJsonLogin() {
        Http.Response r = passwordGrant();

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.field("token_type")).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(ACCESS_TTL_SECONDS);
        assertThat(r.json().get("refresh_expires_in").asLong()).isEqualTo(REFRESH_TTL_SECONDS);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("Pragma")).isEqualTo("no-cache");
        assertThat(jwksValidator().validate(r.field("access_token")).username()).isEqualTo(ALICE);
        // the refresh token works on the JSON API too: one token service behind both
        assertThat(refresh(r.field("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void refreshGrantRotatesTheRefreshToken() {
        String first = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();

        Http.Response r = postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", first));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("Pragma")).isEqualTo("no-cache");
        assertThat(r.field("refresh_token")).isNotEqualTo(first);
        assertThat(jwksValidator().validate(r.field("access_token")).username()).isEqualTo(ALICE);
        // the old one is spent, and presenting it again is reuse
        Http.Response again = postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", first));
        assertOAuthError(again, 400, "invalid_grant");
        assertThat(again.header("Cache-Control")).isEqualTo("no-store");
        assertThat(again.header("Pragma")).isEqualTo("no-cache");
    }

    @Test
    void badCredentialsAndBadRefreshTokensAreInvalidGrant() {
        assertOAuthError(postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", "wrong-password")),
                400, "invalid_grant");
        assertOAuthError(postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", "U".repeat(43))),
                400, "invalid_grant");
        assertOAuthError(postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", "not-a-token")),
                400, "invalid_grant");
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        for (String grant : new String[]{"client_credentials", "authorization_code", "urn:ietf:params:oauth:grant-type:jwt-bearer"}) {
            assertOAuthError(postForm(TOKEN, form("grant_type", grant, "refresh_token", "x")), 400, "unsupported_grant_type");
        }
    }

    @Test
    void missingParametersAreInvalidRequest() {
        assertOAuthError(postForm(TOKEN, ""), 400, "invalid_request");
        assertOAuthError(postForm(TOKEN, form("username", ALICE, "password", ALICE_PASSWORD)), 400, "invalid_request");
        assertOAuthError(postForm(TOKEN, form("grant_type", "refresh_token")), 400, "invalid_request");
        assertOAuthError(postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", "")), 400, "invalid_request");
        assertOAuthError(postForm(TOKEN, form("grant_type", "password", "username", ALICE)), 400, "invalid_request");
        assertOAuthError(postForm(TOKEN, form("grant_type", "password", "password", ALICE_PASSWORD)), 400, "invalid_request");
        Http.Response r = postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", "p".repeat(1025)));
        assertOAuthError(r, 400, "invalid_request");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aRepeatedParameterIsInvalidRequest() {
        // RFC 6749 section 3.2: parameters MUST NOT be included more than once; no "first one wins"
        Http.Response twice = postForm(TOKEN, form("grant_type", "password", "grant_type", "password", "username", ALICE,
                "password", ALICE_PASSWORD));
        assertOAuthError(twice, 400, "invalid_request");
        assertThat(twice.field("error_description")).isEqualTo("The parameter 'grant_type' must not be sent more than once");
        assertOAuthError(postForm(TOKEN, form("grant_type", "password", "username", "mallory", "username", ALICE,
                "password", ALICE_PASSWORD)), 400, "invalid_request");
        String refresh = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        assertOAuthError(postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", refresh, "refresh_token", refresh)),
                400, "invalid_request");
        // an empty repeat counts too
        assertOAuthError(postForm(TOKEN, form("grant_type", "refresh_token", "refresh_token", refresh, "refresh_token", "")),
                400, "invalid_request");
        // nothing was spent by the refused requests
        assertThat(refresh(refresh).status()).isEqualTo(200);
    }

    @Test
    void brokenFormEncodingIsAClientErrorAndItsValueIsNotLogged(CapturedOutput output) {
        String secretish = "S3cret-In-A-Broken-Body";
        for (String body : List.of("grant_type=password&username=alice&password=" + secretish + "%zz",
                "grant_type=password&username=alice&password=" + secretish + "%")) {
            Http.Response r = postForm(TOKEN, body);
            assertThat(r.field("error_description")).as("%s: %s", body, r).isEqualTo("The form body is not correctly encoded");
            assertOAuthError(r, 400, "invalid_request");
        }
        // invalid UTF-8 is decoded with a replacement character: just a wrong password
        assertOAuthError(postForm(TOKEN, "grant_type=password&username=alice&password=" + secretish + "%C3%28"), 400, "invalid_grant");
        // a broken repeat cannot hide behind the dropped value
        assertOAuthError(postForm(TOKEN, form("username", ALICE, "password", ALICE_PASSWORD) + "&grant_type=password&grant_type=%zz"),
                400, "invalid_request");
        assertThat(output.getAll()).doesNotContain(secretish);
    }

    @Test
    void onlyFormBodiesAreAccepted() {
        String json = "{\"grant_type\":\"password\",\"username\":\"alice\",\"password\":\"alice-password\"}";
        assertOAuthError(post(TOKEN, "application/json", json), 400, "invalid_request");
        assertOAuthError(post(TOKEN, null, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD)),
                400, "invalid_request");
        assertOAuthError(post(TOKEN, "text/plain", form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD)),
                400, "invalid_request");
        assertOAuthError(post(TOKEN, "garbage/;;", "x"), 400, "invalid_request");
        // with a charset it is still a form
        assertThat(post(TOKEN, FORM + "; charset=UTF-8", form("grant_type", "password", "username", ALICE,
                "password", ALICE_PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void parametersInTheUrlAreRefused() {
        Http.Response r = postForm(TOKEN + "?password=" + ALICE_PASSWORD, form("grant_type", "password", "username", ALICE));
        assertOAuthError(r, 400, "invalid_request");
        assertOAuthError(postForm(TOKEN + "?grant_type=password", form("username", ALICE, "password", ALICE_PASSWORD)),
                400, "invalid_request");
    }

    @Test
    void onlyPostIsAllowed() {
        Http.Response r = getWith(TOKEN + "?grant_type=password&username=alice&password=alice-password");
        assertOAuthError(r, 405, "invalid_request");
    }

    @Test
    void publicClientsNeedNoCredentials() {
        // a client_id alone, of a client nobody registered: a public client naming itself
        Http.Response r = postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
                "client_id", "my-mobile-app"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Test
    void presentedClientCredentialsMustBeValid() {
        assertThat(passwordGrant("Authorization", demoClient()).status()).isEqualTo(200);
        assertThat(postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET)).status()).isEqualTo(200);

        assertInvalidClient(passwordGrant("Authorization", basic(CLIENT_ID, "wrong-secret")));
        assertInvalidClient(passwordGrant("Authorization", basic("no-such-client", CLIENT_SECRET)));
        assertInvalidClient(postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
                "client_id", CLIENT_ID, "client_secret", "wrong-secret")));
        // a registered (confidential) client must authenticate, not just name itself
        assertInvalidClient(postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
                "client_id", CLIENT_ID)));
        // garbage in the Basic header
        assertInvalidClient(passwordGrant("Authorization", "Basic !!!not-base64!!!"));
        assertInvalidClient(passwordGrant("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes())));
    }

    @Test
    void twoClientAuthenticationMethodsAtOnceAreInvalidRequest() {
        // RFC 6749 section 2.3: a client MUST NOT use more than one authentication method per request
        assertOAuthError(postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET), "Authorization", demoClient()), 400, "invalid_request");
        assertOAuthError(postForm(TOKEN, form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
                "client_id", "someone-else"), "Authorization", demoClient()), 400, "invalid_request");
    }
}
