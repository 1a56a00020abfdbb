package org.jwtauth.auth.keys;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.jwtauth.token.VerificationKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin key endpoints and a whole key life over HTTP, with the test clock standing in for waiting.
 * The scheduled retirement check is kept out of the way (once a day) so that only the test's own
 * calls of {@link KeyRetirer#retire()} retire keys, whenever the scheduler would have fired.
 */
@TestPropertySource(properties = "auth.keys.retirement-check-interval=PT24H")
class KeyAdminApiTest extends AbstractIntegrationTest {

    private static final Set<String> VIEW_FIELDS =
            Set.of("kid", "alg", "state", "created_at", "activated_at", "retire_after", "retired_at");

    @Autowired
    KeyRetirer retirer;

    @Autowired
    KeysProperties keysProperties;

    @Test
    void theKeyEndpointsRequireAnAdminToken() {
        Http.Response anonymous = http.get("/admin/keys");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(http.postJson("/admin/keys/rotate", "").status()).isEqualTo(401);

        // a token for the resource services, even an admin's, is not one for the admin API
        for (String token : List.of(accessToken(ALICE, ALICE_PASSWORD), accessToken(ADMIN, ADMIN_PASSWORD))) {
            Http.Response refused = http.postJson("/admin/keys/rotate", "", token);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(http.get("/admin/keys", token).status()).isEqualTo(401);
        }
        String demoted = demotedAdminToken("demoted");
        Http.Response forbidden = http.postJson("/admin/keys/rotate", "", demoted);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("WWW-Authenticate")).contains("insufficient_scope");
        assertThat(http.get("/admin/keys", demoted).status()).isEqualTo(403);
    }

    @Test
    void theListingShowsIdsStatesAndTimesButNoPrivateMaterial() {
        Http.Response r = http.get("/admin/keys", adminToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isGreaterThanOrEqualTo(2);
        for (JsonNode key : r.json()) {
            List<String> fields = new ArrayList<>();
            key.fieldNames().forEachRemaining(fields::add);
            assertThat(VIEW_FIELDS).containsAll(fields);
            assertThat(fields).contains("kid", "alg", "state", "created_at");
        }
        assertThat(r.body()).doesNotContainIgnoringCase("private").doesNotContain("v1:").doesNotContain("BEGIN");
        assertThat(states(r.json()).values()).contains("active", "next");
    }

    @Test
    void rotationSwitchesToThePrePublishedKeyAtOnceAndRetiresTheOldKeyAfterItsTokensExpired() {
        String admin = adminToken();
        Map<String, String> before = states(http.get("/admin/keys", admin).json());
        String oldKid = kidIn(before, "active");
        String nextKid = kidIn(before, "next");
        assertThat(jwksKeys()).extracting(VerificationKey::kid).contains(oldKid, nextKid);

        // too soon after the next key was published: resource services may not have it yet
        Http.Response tooSoon = http.postJson("/admin/keys/rotate", "", admin);
        assertOAuthError(tooSoon, 409, "conflict");
        assertThat(tooSoon.field("error_description")).contains("auth.keys.min-rotation-interval");

        clock.advance(keysProperties.minRotationInterval());
        String oldAliceToken = accessToken(ALICE, ALICE_PASSWORD);
        assertThat(header(oldAliceToken, "kid")).isEqualTo(oldKid);
        Instant rotatedAt = clock.instant();
        Http.Response rotated = http.postJson("/admin/keys/rotate", "", admin);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.field("active_kid")).isEqualTo(nextKid);
        assertThat(rotated.field("previous_kid")).isEqualTo(oldKid);
        String newNextKid = rotated.field("next_kid");
        assertThat(newNextKid).isNotIn(oldKid, nextKid);

        // new tokens are signed with the new key at once; the JWKS has all three keys
        assertThat(header(accessToken(ALICE, ALICE_PASSWORD), "kid")).isEqualTo(nextKid);
        assertThat(jwksKeys()).extracting(VerificationKey::kid).containsExactlyInAnyOrder(nextKid, newNextKid, oldKid);
        // tokens of the old key keep working: offline through the JWKS, and on the admin API itself
        assertThat(jwksValidator().validate(oldAliceToken).username()).isEqualTo(ALICE);
        assertThat(http.get("/admin/users", admin).status()).isEqualTo(200);

        JsonNode listed = http.get("/admin/keys", admin).json();
        Instant retireAfter = rotatedAt.plus(Duration.ofSeconds(ACCESS_TTL_SECONDS)).plus(keysProperties.refreshInterval())
                .plus(keysProperties.retirementMargin());
        JsonNode old = byKid(listed).get(oldKid);
        assertThat(old.get("state").asText()).isEqualTo("retiring");
        assertThat(Instant.parse(old.get("retire_after").asText())).isEqualTo(retireAfter);
        assertThat(Instant.parse(byKid(listed).get(nextKid).get("activated_at").asText())).isEqualTo(rotatedAt);
        assertThat(byKid(listed).get(newNextKid).get("state").asText()).isEqualTo("next");

        // the old key stays published until every token it signed has expired (plus the margin)...
        clock.setInstant(retireAfter.minusSeconds(1));
        assertThat(jwksKeys()).extracting(VerificationKey::kid).contains(oldKid);
        assertThat(retirer.retire()).isZero();
        // ...and then goes, by itself
        clock.setInstant(retireAfter);
        assertThat(jwksKeys()).extracting(VerificationKey::kid).containsExactlyInAnyOrder(nextKid, newNextKid);
        assertThat(retirer.retire()).isEqualTo(1);
        Map<String, String> after = states(http.get("/admin/keys", adminToken()).json());
        assertThat(after).containsEntry(oldKid, "retired").containsEntry(nextKid, "active").containsEntry(newNextKid, "next");
    }

    private static Map<String, JsonNode> byKid(JsonNode keys) {
        Map<String, JsonNode> map = new HashMap<>();
        keys.forEach(k -> map.put(k.get("kid").asText(), k));
        return map;
    }

    private static Map<String, String> states(JsonNode keys) {
        Map<String, String> map = new HashMap<>();
        keys.forEach(k -> map.put(k.get("kid").asText(), k.get("state").asText()));
        return map;
    }

    private static String kidIn(Map<String, String> states, String state) {
        return states.entrySet().stream().filter(e -> e.getValue().equals(state)).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static String header(String jwt, String name) {
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                    StandardCharsets.UTF_8)).get(name).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
