package org.jwtauth.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.InvalidAccessTokenException;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.ValidatedAccessToken;
import org.jwtauth.token.VerificationKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginTest extends AbstractIntegrationTest {

    private static final String BASE64URL_43 = "[A-Za-z0-9_-]{43}";

    @Test
    void successfulLoginHasTheTokenResponseShape() {
        Http.Response r = loginResponse(ALICE, ALICE_PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().getContentType()).isNotNull();
        assertThat(r.headers().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_JSON)).isTrue();
        JsonNode body = r.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").isIntegralNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(600);
        assertThat(body.get("refresh_expires_in").asLong()).isEqualTo(REFRESH_TTL_SECONDS);
        assertThat(body.get("refresh_token").asText()).matches(BASE64URL_43);
        assertThat(body.get("access_token").asText()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        // snake_case on the wire, nothing in camelCase, nothing extra
        assertThat(iterable(body.fieldNames())).containsExactlyInAnyOrder(
                "access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in");
    }

    @Test
    void tokenResponsesMustNotBeCached() {
        Http.Response r = loginResponse(ALICE, ALICE_PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.header("Pragma")).isEqualTo("no-cache");

        Http.Response failed = loginResponse(ALICE, "wrong-password");
        assertThat(failed.header("Cache-Control")).contains("no-store");
    }

    @Test
    void jwksPublishesTheActiveAndTheNextPublicRsaSigningKey() {
        Http.Response r = http.get("/.well-known/jwks.json");

        assertThat(r.status()).isEqualTo(200);
        JsonNode keys = r.json().get("keys");
        // the active key, and the next one published ahead of its first use (see SigningKeyStore)
        assertThat(keys).hasSize(2);
        for (JsonNode jwk : keys) {
            assertThat(jwk.get("kty").asText()).isEqualTo("RSA");
            assertThat(jwk.get("alg").asText()).isEqualTo("RS256");
            assertThat(jwk.get("use").asText()).isEqualTo("sig");
            assertThat(jwk.get("kid").asText()).isNotBlank();
            // only public parameters
            for (String secret : List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k")) {
                assertThat(jwk.has(secret)).as("JWK must not contain private parameter %s", secret).isFalse();
            }
        }
        List<VerificationKey> parsed = JwkKeys.parseJwkSet(r.body());
        assertThat(parsed).hasSize(2);
        // the kid is the RFC 7638 thumbprint, recomputable by anyone
        assertThat(parsed).allSatisfy(k -> assertThat(k.kid()).isEqualTo(JwkKeys.thumbprintKid(k.publicKey())));
        assertThat(r.header("Cache-Control")).contains("max-age=30");
    }

    @Test
    void accessTokenHeaderAndClaimsFollowTheProfileAndVerifyWithTheJwksKey() throws Exception {
        Instant loginTime = clock.instant();
        String token = login(ALICE, ALICE_PASSWORD).get("access_token").asText();
        VerificationKey jwk = jwksKeys().get(0);

        // raw header, as any JOSE library would see it
        JsonNode header = Http.JSON.readTree(decode(token.split("\\.")[0]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("typ").asText()).isEqualTo("at+jwt");
        assertThat(header.get("kid").asText()).isEqualTo(jwk.kid());

        // signature checked with the key parsed from the JWKS
        ValidatedAccessToken valid = jwksValidator().validate(token);
        Map<String, Object> claims = valid.claims();
        assertThat(claims.get("iss")).isEqualTo(ISSUER);
        assertThat(claims.get("aud")).isEqualTo(List.of(AUDIENCE));
        assertThat(valid.subject()).isEqualTo(userId(ALICE).toString());
        assertThat(valid.username()).isEqualTo(ALICE);
        assertThat(valid.roles()).containsExactly("USER");
        assertThat(claims.get("jti")).asString().isNotBlank();
        Instant iat = (Instant) claims.get("iat");
        Instant exp = (Instant) claims.get("exp");
        assertThat(iat).isEqualTo(loginTime.truncatedTo(ChronoUnit.SECONDS));
        assertThat(exp).isEqualTo(iat.plusSeconds(600));

        // raw numeric claims: exp - iat is exactly the TTL
        JsonNode payload = Http.JSON.readTree(decode(token.split("\\.")[1]));
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isEqualTo(600);
    }

    @Test
    void everyTokenHasItsOwnJtiAndAdminTokensCarryBothRoles() {
        AccessTokenValidator validator = jwksValidator();
        ValidatedAccessToken first = validator.validate(accessToken(ADMIN, ADMIN_PASSWORD));
        ValidatedAccessToken second = validator.validate(accessToken(ADMIN, ADMIN_PASSWORD));

        assertThat(first.roles()).containsExactlyInAnyOrder("USER", "ADMIN");
        assertThat(first.username()).isEqualTo(ADMIN);
        assertThat(first.claims().get("jti")).isNotEqualTo(second.claims().get("jti"));
    }

    @Test
    void aTamperedTokenDoesNotVerify() {
        String token = accessToken(ALICE, ALICE_PASSWORD);
        String[] parts = token.split("\\.");
        String payload = decode(parts[1]).replace("\"roles\":[\"USER\"]", "\"roles\":[\"USER\",\"ADMIN\"]");
        assertThat(payload).contains("ADMIN");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThatThrownBy(() -> jwksValidator().validate(forged)).isInstanceOf(InvalidAccessTokenException.class);
    }

    @Test
    void usernameIsCaseInsensitiveAndTrimmed() {
        AccessTokenValidator validator = jwksValidator();
        for (String name : List.of("ALICE", "Alice", "  alice ")) {
            JsonNode body = login(name, ALICE_PASSWORD);
            ValidatedAccessToken token = validator.validate(body.get("access_token").asText());
            assertThat(token.username()).as("login as %s", name).isEqualTo(ALICE);
            assertThat(token.subject()).isEqualTo(userId(ALICE).toString());
        }
    }

    @Test
    void passwordIsCaseAndWhitespaceSensitive() {
        assertOAuthError(loginResponse(ALICE, "ALICE-PASSWORD"), 400, "invalid_grant");
        assertOAuthError(loginResponse(ALICE, "alice-password "), 400, "invalid_grant");
    }

    @Test
    void wrongPasswordUnknownUserAndDisabledUserAreIndistinguishable() {
        String admin = adminToken();
        Http.Response created = http.postJson("/admin/users",
                Map.of("username", "dora", "password", "dora-password", "roles", List.of("USER")), admin);
        assertThat(created.status()).isEqualTo(201);
        login("dora", "dora-password");
        assertThat(http.postJson("/admin/users/dora/revoke", "", admin).status()).isEqualTo(200);

        Http.Response wrongPassword = loginResponse(ALICE, "not-the-password");
        Http.Response unknownUser = loginResponse("nobody-here", "not-the-password");
        Http.Response disabledUser = loginResponse("dora", "dora-password");
        Http.Response invalidName = loginResponse("no such/user", "not-the-password");

        assertOAuthError(wrongPassword, 400, "invalid_grant");
        for (Http.Response other : List.of(unknownUser, disabledUser, invalidName)) {
            assertThat(other.status()).isEqualTo(wrongPassword.status());
            assertThat(other.body()).isEqualTo(wrongPassword.body());
            assertThat(other.header("Content-Type")).isEqualTo(wrongPassword.header("Content-Type"));
        }
        assertThat(wrongPassword.body()).doesNotContainIgnoringCase("disabled").doesNotContainIgnoringCase("unknown");
    }

    private UUID userId(String username) {
        Http.Response r = http.get("/admin/users", adminToken());
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode user : r.json()) {
            if (user.get("username").asText().equals(username)) {
                return UUID.fromString(user.get("id").asText());
            }
        }
        throw new AssertionError("no user " + username + " in " + r.body());
    }

    private static String decode(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
