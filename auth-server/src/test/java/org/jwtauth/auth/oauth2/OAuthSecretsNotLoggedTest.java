package org.jwtauth.auth.oauth2;

import org.jwtauth.auth.Http;
import org.jwtauth.auth.refresh.RefreshTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OAuth endpoints log client ids and failures, never a client secret, password or token. */
@ExtendWith(OutputCaptureExtension.class)
class OAuthSecretsNotLoggedTest extends OAuthIntegrationTest {

    @Test
    void noClientSecretPasswordOrTokenAppearsInTheLog(CapturedOutput output) {
        String wrongSecret = "Wr0ng-Client-S3cret";
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, wrongSecret, ALICE_PASSWORD,
                demoClient().substring("Basic ".length()), basic(CLIENT_ID, wrongSecret).substring("Basic ".length())));

        Http.Response login = postForm("/oauth2/token", form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD),
                "Authorization", demoClient());
        assertThat(login.status()).isEqualTo(200);
        String access = login.field("access_token");
        String refresh = login.field("refresh_token");
        Http.Response refreshed = postForm("/oauth2/token", form("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
        assertThat(refreshed.status()).isEqualTo(200);
        String next = refreshed.field("refresh_token");
        assertThat(introspect(access).status()).isEqualTo(200);
        assertThat(introspect(next).status()).isEqualTo(200);
        assertInvalidClient(postForm("/oauth2/introspect", form("token", access), "Authorization", basic(CLIENT_ID, wrongSecret)));
        assertInvalidClient(postForm("/oauth2/introspect", form("token", access, "client_id", CLIENT_ID, "client_secret", wrongSecret)));
        assertInvalidClient(getWith("/auth/revocations", "Authorization", basic(CLIENT_ID, wrongSecret)));
        assertThat(getWith("/auth/revocations", "Authorization", demoClient()).status()).isEqualTo(200);
        assertThat(postForm("/oauth2/revoke", form("token", access)).status()).isEqualTo(400);
        assertThat(postForm("/oauth2/revoke", form("token", next), "Authorization", demoClient()).status()).isEqualTo(200);
        assertThat(postForm("/oauth2/token", form("grant_type", "refresh_token", "refresh_token", refresh)).status()).isEqualTo(400);

        for (String token : List.of(refresh, next)) {
            secrets.add(token);
            secrets.add(RefreshTokens.hash(token));
        }
        for (String token : List.of(access, refreshed.field("access_token"))) {
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));
        }

        String log = output.getAll();
        assertThat(log).contains("event=client_auth_failure", "client_id=" + CLIENT_ID, "event=login_success",
                "event=refresh_success", "event=logout");
        for (String secret : secrets) {
            assertThat(log).as("log output must not contain a secret").doesNotContain(secret);
        }
    }
}
