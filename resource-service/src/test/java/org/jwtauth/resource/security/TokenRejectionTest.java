package org.jwtauth.resource.security;

import io.jsonwebtoken.JwtBuilder;
import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.jwtauth.token.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ResponseEntity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a token can be wrong ends in 401 invalid_token with an RFC 6750 challenge, never a 500. */
class TokenRejectionTest extends SharedJwksContext {

    private static final TestKey FOREIGN = TestKey.generate();

    static Stream<Arguments> invalidTokens() {
        return Stream.of(
                invalid("wrong issuer", "unexpected iss claim", now -> user(now, b -> b.issuer("https://evil.example"))),
                invalid("wrong audience", "unexpected aud claim",
                        now -> user(now, b -> b.claims().delete("aud").and().audience().add("other-service").and())),
                invalid("missing audience", "lacks the aud claim", now -> user(now, b -> b.claims().delete("aud"))),
                invalid("typ JWT instead of at+jwt", "typ must be at+jwt", now -> user(now, b -> b.header().type("JWT"))),
                invalid("no typ", "typ must be at+jwt", now -> user(now, b -> b.header().delete("typ"))),
                invalid("no kid", "unknown key", now -> user(now, b -> b.header().delete("kid"))),
                invalid("expired an hour ago", "expired", now -> user(now.minus(Duration.ofHours(1)), b -> {
                })),
                invalid("not valid yet", "not valid yet",
                        now -> user(now, b -> b.notBefore(Date.from(now.plus(Duration.ofMinutes(5)))))),
                invalid("issued in the future", "issued in the future",
                        now -> user(now, b -> b.issuedAt(Date.from(now.plus(Duration.ofMinutes(5)))))),
                invalid("no exp", "lacks the exp claim", now -> user(now, b -> b.expiration(null))),
                invalid("no sub", "lacks the sub claim", now -> user(now, b -> b.subject(null))),
                invalid("no iat", "lacks the iat claim", now -> user(now, b -> b.issuedAt(null))),
                // jjwt's builder writes every exp as a number: edited in the JSON and signed with the real key
                invalid("exp as a date string", "exp claim is not a number", now -> signedWithEditedPayload(now,
                        json -> json.replaceFirst("\"exp\":\\d+", "\"exp\":\"" + now.plus(Duration.ofMinutes(5)) + "\""))),
                invalid("exp far in the future", "lifetime is longer than accepted",
                        now -> user(now, b -> b.expiration(Date.from(now.plus(Duration.ofDays(3650)))))),
                invalid("roles not a list", "malformed roles claim", now -> user(now, b -> b.claim("roles", "ADMIN"))),
                invalid("alg none", "not a signed JWT", now -> unsigned(now, "none")),
                invalid("HS256 keyed with the public key's DER bytes", "algorithm that is not accepted",
                        now -> hmacSigned(now, KEY.publicKey().getEncoded())),
                invalid("HS256 keyed with the public key's PEM text", "algorithm that is not accepted",
                        now -> hmacSigned(now, PemKeys.encode(KEY.publicKey()).getBytes(StandardCharsets.US_ASCII))),
                invalid("tampered payload (roles raised to ADMIN)", "signature is invalid", TokenRejectionTest::tamperedPayload),
                invalid("signature stripped", "malformed", now -> withoutSignature(user(now, b -> {
                }))),
                invalid("signed by a foreign key claiming the known kid", "signature is invalid",
                        now -> Tokens.accessToken(FOREIGN, now, "alice", List.of("ADMIN"), b -> b.header().keyId(KEY.kid()))),
                invalid("signed by an unknown key", "unknown key", now -> Tokens.accessToken(FOREIGN, now, "alice", "USER")),
                invalid("over 8 KiB", "too large", now -> user(now, b -> b.claim("padding", "x".repeat(9 * 1024)))),
                invalid("20 KiB of garbage", "too large", now -> "a".repeat(20 * 1024)),
                invalid("three garbage segments", "malformed", now -> "abc.def.ghi"),
                invalid("not a JWT at all", "malformed", now -> "not-a-jwt"),
                invalid("five segments (JWE shape)", "malformed", now -> "a.b.c.d.e"),
                invalid("header only", "malformed", now -> Tokens.base64Url("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}")),
                invalid("empty segments", "malformed", now -> ".."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void invalidTokenIsRejected(String name, String expectedDescription, Function<Instant, String> mint) {
        String token = mint.apply(clock.instant());

        for (String path : List.of("/api/me", "/api/admin/stats")) {
            ResponseEntity<String> response = get(path, token);
            assertInvalidToken(response);
            assertThat(challenge(response)).as("rejected for the intended reason").contains(expectedDescription);
            if (token.length() >= 10) {
                assertThat(challenge(response)).as("the challenge never echoes the token").doesNotContain(token);
            }
        }
    }

    @Test
    void validTokenStopsWorkingOnceExpiryPlusSkewHasPassed() {
        Instant issued = clock.instant();
        String token = Tokens.accessToken(KEY, issued, "alice", "USER");
        assertThat(get("/api/me", token).getStatusCode().value()).isEqualTo(200);

        clock.advance(Tokens.TTL.plusSeconds(29));
        assertThat(get("/api/me", token).getStatusCode().value()).as("within the 30 s skew").isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        ResponseEntity<String> response = get("/api/me", token);
        assertInvalidToken(response);
        assertThat(challenge(response)).contains("expired");
    }

    @Test
    void unknownKidsArePlain401s() {
        // Sanity check in the shared context: unknown kids are plain 401s (rate limiting is in JwksRefreshTest).
        for (int i = 0; i < 5; i++) {
            String token = Tokens.accessToken(KEY, clock.instant(), "alice", List.of("USER"),
                    b -> b.header().keyId(UUID.randomUUID().toString()));
            assertInvalidToken(get("/api/me", token));
        }
    }

    /** Header values that are not a usable bearer token: still a clean 401 with a Bearer challenge. */
    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer a b", "Bearer a,b", "Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ=", "Token abc", "bearer",
            "Bearer ===", "xyz"})
    void malformedAuthorizationHeaderIsA401(String authorization) {
        ResponseEntity<String> response = getWithAuthorization("/api/me", authorization);

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(challenge(response)).startsWith("Bearer");
        assertNotHtml(response);
    }

    @Test
    void headerBeyondTheContainerLimitIsAJson400() {
        ResponseEntity<String> response = getWithAuthorization("/api/me", "Bearer " + "a".repeat(64 * 1024));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertNotHtml(response);
        assertThat(json(response).get("status").asInt()).isEqualTo(400);
    }

    private static Arguments invalid(String name, String expectedDescription, Function<Instant, String> mint) {
        return Arguments.of(name, expectedDescription, mint);
    }

    private static String user(Instant now, Consumer<JwtBuilder> customizer) {
        return Tokens.accessToken(KEY, now, "alice", List.of("USER"), customizer);
    }

    /** The claims of a genuine token, for hand-built tokens that jjwt refuses to create. */
    private static String genuinePayload(Instant now) {
        return user(now, b -> {
        }).split("\\.")[1];
    }

    /** A genuine token whose payload JSON is edited, then signed with the real key: only the edit is wrong. */
    private static String signedWithEditedPayload(Instant now, Function<String, String> edit) {
        String[] parts = user(now, b -> {
        }).split("\\.");
        String payload = edit.apply(Tokens.decodePart(String.join(".", parts), 1));
        String signingInput = parts[0] + "." + Tokens.base64Url(payload);
        try {
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEY.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Tokens.base64Url(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(Instant now, String alg) {
        String header = Tokens.base64Url("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + KEY.kid() + "\"}");
        return header + "." + genuinePayload(now) + ".";
    }

    /** Algorithm confusion: HMAC keyed with public material that an attacker can obtain. */
    private static String hmacSigned(Instant now, byte[] secret) {
        String signingInput = Tokens.base64Url("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + KEY.kid() + "\"}")
                + "." + genuinePayload(now);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + Tokens.base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tamperedPayload(Instant now) {
        String[] parts = user(now, b -> {
        }).split("\\.");
        String claims = Tokens.decodePart(String.join(".", parts), 1);
        String raised = claims.replace("[\"USER\"]", "[\"USER\",\"ADMIN\"]");
        assertThat(raised).isNotEqualTo(claims);
        return parts[0] + "." + Tokens.base64Url(raised) + "." + parts[2];
    }

    private static String withoutSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }
}
