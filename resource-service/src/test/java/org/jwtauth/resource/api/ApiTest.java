package org.jwtauth.resource.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTest extends SharedJwksContext {

    @Test
    void pingNeedsNoToken() {
        ResponseEntity<String> response = get("/api/public/ping", null);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void meDescribesThePresentedToken() throws Exception {
        Instant now = clock.instant();
        String token = Tokens.accessToken(KEY, now, "alice", "USER");
        String jti = new ObjectMapper().readTree(Tokens.decodePart(token, 1)).get("jti").asText();

        JsonNode me = json(get("/api/me", token));

        assertThat(me.get("sub").asText()).isEqualTo("id-alice");
        assertThat(me.get("username").asText()).isEqualTo("alice");
        assertThat(me.get("roles")).hasSize(1);
        assertThat(me.get("roles").get(0).asText()).isEqualTo("USER");
        assertThat(Instant.parse(me.get("issued_at").asText())).isEqualTo(now);
        assertThat(Instant.parse(me.get("expires_at").asText())).isEqualTo(now.plus(Tokens.TTL));
        assertThat(me.get("expires_in").asLong()).isEqualTo(Tokens.TTL.toSeconds());
        assertThat(me.get("token_id").asText()).isEqualTo(jti);

        clock.advance(Duration.ofSeconds(250));
        JsonNode later = json(get("/api/me", token));
        assertThat(later.get("expires_in").asLong()).as("counted down with the service clock")
                .isEqualTo(Tokens.TTL.toSeconds() - 250);
    }

    @Test
    void expiresInIsZeroNotNegativeWithinTheClockSkew() {
        Instant now = clock.instant();
        String token = Tokens.accessToken(KEY, now, "alice", "USER");

        clock.advance(Tokens.TTL.plusSeconds(10)); // past exp, within the default 30 s skew
        ResponseEntity<String> response = get("/api/me", token);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(json(response).get("expires_in").asLong()).isZero();
    }

    @Test
    void helloGreetsByUsername() {
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");

        JsonNode hello = json(get("/api/hello", token));

        assertThat(hello.get("message").asText()).isEqualTo("Hello, alice!");
    }

    @Test
    void withoutPreferredUsernameTheSubjectNamesThePrincipal() {
        String token = Tokens.accessToken(KEY, clock.instant(), "bob", List.of("USER"),
                b -> b.claims().delete("preferred_username"));

        assertThat(json(get("/api/hello", token)).get("message").asText()).isEqualTo("Hello, id-bob!");
    }

    @Test
    void tokenWithoutRolesIsAuthenticatedButHasNone() {
        String token = Tokens.accessToken(KEY, clock.instant(), "carol", List.of(), b -> b.claims().delete("roles"));

        JsonNode me = json(get("/api/me", token));
        assertThat(me.get("roles").isArray()).isTrue();
        assertThat(me.get("roles")).isEmpty();
        assertThat(get("/api/admin/stats", token).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void noTokenGetsABearerChallenge() {
        for (String path : List.of("/api/me", "/api/hello", "/api/admin/stats", "/api/does-not-exist")) {
            ResponseEntity<String> response = get(path, null);
            assertThat(response.getStatusCode().value()).as(path).isEqualTo(401);
            assertThat(challenge(response)).as(path).startsWith("Bearer");
            assertNotHtml(response);
        }
    }

    @Test
    void userTokenOnAdminEndpointIsInsufficientScope() {
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");

        ResponseEntity<String> response = get("/api/admin/stats", token);

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(challenge(response)).startsWith("Bearer error=\"insufficient_scope\"");
        assertNotHtml(response);
    }

    @Test
    void adminStatsCountTokensAndShowTheKeys() {
        String admin = Tokens.accessToken(KEY, clock.instant(), "admin", "USER", "ADMIN");

        ResponseEntity<String> first = get("/api/admin/stats", admin);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        JsonNode before = json(first);
        assertThat(get("/api/me", "not-a-token").getStatusCode().value()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(5));
        JsonNode after = json(get("/api/admin/stats", admin));

        assertThat(before.get("tokens_accepted").asLong()).isPositive();
        assertThat(after.get("tokens_accepted").asLong()).isEqualTo(before.get("tokens_accepted").asLong() + 1);
        assertThat(after.get("tokens_rejected").asLong()).isEqualTo(before.get("tokens_rejected").asLong() + 1);
        assertThat(after.get("verification_keys")).hasSize(1);
        assertThat(after.get("verification_keys").get(0).asText()).isEqualTo(KEY.kid());
        assertThat(after.get("jwks_last_fetch").isTextual()).isTrue();
        assertThat(Instant.parse(after.get("jwks_last_fetch").asText())).isBeforeOrEqualTo(clock.instant());
        assertThat(after.get("uptime_seconds").asLong()).isEqualTo(before.get("uptime_seconds").asLong() + 5);
    }

    @Test
    void unknownPathWithValidTokenIsAJson404EvenForBrowsers() {
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");

        for (MediaType accept : List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, MediaType.ALL)) {
            ResponseEntity<String> response = getWithAuthorization("/api/nope", "Bearer " + token, accept);
            assertThat(response.getStatusCode().value()).as("Accept %s", accept).isEqualTo(404);
            assertThat(json(response).get("status").asInt()).isEqualTo(404);
            assertThat(response.getBody()).doesNotContain("trace", "exception");
            assertNotHtml(response);
        }
    }

    @Test
    void wrongMethodIsAJson405() {
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");

        ResponseEntity<String> response = exchange(HttpMethod.DELETE, "/api/hello", "Bearer " + token, MediaType.TEXT_HTML);

        assertThat(response.getStatusCode().value()).isEqualTo(405);
        assertThat(json(response).get("status").asInt()).isEqualTo(405);
    }
}
