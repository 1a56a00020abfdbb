package org.jwtauth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.refresh.RefreshTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The log tells what happened (audit events) but never shows a password or a token. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest extends AbstractIntegrationTest {

    @Test
    void noPasswordOrTokenAppearsInTheLog(CapturedOutput output) {
        String wrongPassword = "Wr0ng-Secret-Pa55word";
        String newUserPassword = "N3w-User-S3cret";
        List<String> secrets = new ArrayList<>(List.of(ALICE_PASSWORD, ADMIN_PASSWORD, wrongPassword, newUserPassword));

        assertThat(loginResponse(ALICE, wrongPassword).status()).isEqualTo(400);
        JsonNode login = login(ALICE, ALICE_PASSWORD);
        String first = login.get("refresh_token").asText();
        Http.Response refreshed = refresh(first);
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.field("refresh_token");
        assertThat(logout(second).status()).isEqualTo(204);
        assertThat(refresh(second).status()).isEqualTo(400);   // revoked
        // a reused (rotated) token
        String third = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String fourth = refresh(third).field("refresh_token");
        assertThat(refresh(third).status()).isEqualTo(400);
        // an unknown but well-formed token
        String unknown = "U".repeat(43);
        assertThat(refresh(unknown).status()).isEqualTo(400);
        String admin = adminToken();
        assertThat(http.postJson("/admin/users", Map.of("username", "henry", "password", newUserPassword), admin).status())
                .isEqualTo(201);

        for (String token : List.of(first, second, third, fourth, unknown)) {
            secrets.add(token);
            secrets.add(RefreshTokens.hash(token));
        }
        for (String access : List.of(login.get("access_token").asText(), refreshed.field("access_token"), admin)) {
            secrets.add(access);
            secrets.add(access.substring(access.lastIndexOf('.') + 1));   // the signature alone
        }

        String log = output.getAll();
        // the capture works and the events are there...
        assertThat(log).contains("event=login_failure", "event=login_success", "event=refresh_success", "event=logout",
                "event=refresh_reuse_detected", "event=refresh_failure", "event=user_created");
        // ...but no secret
        for (String secret : secrets) {
            assertThat(log).as("log output must not contain a secret").doesNotContain(secret);
        }
    }
}
