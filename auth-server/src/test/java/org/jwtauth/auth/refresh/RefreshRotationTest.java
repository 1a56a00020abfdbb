package org.jwtauth.auth.refresh;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.jwtauth.token.ValidatedAccessToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh with rotation, reuse detection, absolute family lifetime, and logout, over real HTTP. */
class RefreshRotationTest extends AbstractIntegrationTest {

    @Test
    void refreshRotatesAndReturnsAValidAccessToken() {
        JsonNode first = login(ALICE, ALICE_PASSWORD);
        String oldRefresh = first.get("refresh_token").asText();
        clock.advance(Duration.ofSeconds(90));

        Http.Response r = refresh(oldRefresh);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode body = r.json();
        String newRefresh = body.get("refresh_token").asText();
        assertThat(newRefresh).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(oldRefresh);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(ACCESS_TTL_SECONDS);
        // the family's lifetime is not extended: 90 seconds of it are gone
        assertThat(body.get("refresh_expires_in").asLong()).isEqualTo(REFRESH_TTL_SECONDS - 90);

        String access = body.get("access_token").asText();
        assertThat(access).isNotEqualTo(first.get("access_token").asText());
        ValidatedAccessToken valid = jwksValidator().validate(access);
        assertThat(valid.username()).isEqualTo(ALICE);
        assertThat(valid.roles()).containsExactly("USER");
        assertThat((Instant) valid.claims().get("iat")).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));

        // the successor itself rotates too
        Http.Response again = refresh(newRefresh);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("refresh_token")).isNotEqualTo(newRefresh).isNotEqualTo(oldRefresh);
    }

    @Test
    void reuseOfARotatedTokenRevokesTheWholeFamilyButNotOtherSessions() {
        String a = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String otherSession = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String b = refresh(a).json().get("refresh_token").asText();

        // the rotated token is refused...
        Http.Response reuse = refresh(a);
        assertOAuthError(reuse, 400, "invalid_grant");
        // ...and presenting it (a copy was stolen, or replayed) burnt the successor as well
        assertOAuthError(refresh(b), 400, "invalid_grant");
        // and it stays refused
        assertOAuthError(refresh(a), 400, "invalid_grant");

        // another login of the same user is another family, and unaffected
        Http.Response other = refresh(otherSession);
        assertThat(other.status()).isEqualTo(200);
        assertThat(refresh(other.field("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void reuseDetectionAlsoCatchesTheAttackerRefreshingFirst() {
        // the attacker uses the stolen token first; when the real client comes with it, both lose the session
        String stolen = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String attackers = refresh(stolen).field("refresh_token");

        assertOAuthError(refresh(stolen), 400, "invalid_grant");
        assertOAuthError(refresh(attackers), 400, "invalid_grant");
    }

    @Test
    void refreshTokenExpiresAfterTheRefreshTtl() {
        String early = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String late = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();

        clock.advance(Duration.ofDays(182).minusSeconds(1));
        Http.Response justInTime = refresh(early);
        assertThat(justInTime.status()).isEqualTo(200);
        assertThat(justInTime.json().get("refresh_expires_in").asLong()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        Http.Response expired = refresh(late);
        assertOAuthError(expired, 400, "invalid_grant");
        assertThat(expired.field("error_description")).containsIgnoringCase("expired");
        // the successor inherited the same absolute expiry
        assertOAuthError(refresh(justInTime.field("refresh_token")), 400, "invalid_grant");
    }

    @Test
    void theFamilyKeepsItsAbsoluteExpiryAcrossRotations() {
        String first = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();

        clock.advance(Duration.ofDays(100));
        Http.Response rotated = refresh(first);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("refresh_expires_in").asLong()).isEqualTo(Duration.ofDays(82).toSeconds());
        String successor = rotated.field("refresh_token");

        clock.advance(Duration.ofDays(83));  // day 183: past the login's 182 days, well within 182 days of the rotation
        Http.Response refused = refresh(successor);
        assertOAuthError(refused, 400, "invalid_grant");
        assertThat(refused.field("error_description")).containsIgnoringCase("expired");
    }

    @Test
    void logoutEndsTheSession() {
        String a = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String b = refresh(a).field("refresh_token");
        String otherSession = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();

        Http.Response r = logout(b);

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertOAuthError(refresh(b), 400, "invalid_grant");
        // logging out twice is fine
        assertThat(logout(b).status()).isEqualTo(204);
        // other sessions stay
        assertThat(refresh(otherSession).status()).isEqualTo(200);
    }

    @Test
    void logoutWithAnOlderTokenOfTheFamilyEndsTheSessionToo() {
        String a = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        String b = refresh(a).field("refresh_token");

        assertThat(logout(a).status()).isEqualTo(204);

        assertOAuthError(refresh(b), 400, "invalid_grant");
    }

    @Test
    void logoutWithUnknownOrGarbageTokenIsStill204() {
        for (String token : List.of("A".repeat(43), "garbage", "not/base64url+at all", "\u0000\uD800")) {
            Http.Response r = logout(token);
            assertThat(r.status()).as("logout with %s", token).isEqualTo(204);
        }
    }

    @Test
    void logoutWithMissingFieldIsInvalidRequest() {
        assertOAuthError(http.postJson("/auth/logout", "{}"), 400, "invalid_request");
        assertOAuthError(http.postJson("/auth/logout", "{\"refresh_token\":\"\"}"), 400, "invalid_request");
        assertOAuthError(http.postJson("/auth/logout", "[]"), 400, "invalid_request");
    }

    @Test
    void concurrentRefreshesOfOneTokenYieldExactlyOneSuccessor() throws Exception {
        String token = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        List<Http.Response> responses = concurrently(8, () -> refresh(token));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertOAuthError(r, 400, "invalid_grant"));
    }
}
