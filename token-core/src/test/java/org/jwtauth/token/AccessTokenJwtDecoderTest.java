package org.jwtauth.token;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jwtauth.token.AccessTokenValidatorTest.AUDIENCE;
import static org.jwtauth.token.AccessTokenValidatorTest.ISSUER;
import static org.jwtauth.token.AccessTokenValidatorTest.KID;
import static org.jwtauth.token.AccessTokenValidatorTest.LIFETIME;
import static org.jwtauth.token.AccessTokenValidatorTest.NOW;
import static org.jwtauth.token.AccessTokenValidatorTest.RSA;
import static org.jwtauth.token.AccessTokenValidatorTest.SKEW;
import static org.jwtauth.token.AccessTokenValidatorTest.SUBJECT;
import static org.jwtauth.token.AccessTokenValidatorTest.handMade;
import static org.jwtauth.token.AccessTokenValidatorTest.json;
import static org.jwtauth.token.AccessTokenValidatorTest.mint;
import static org.jwtauth.token.AccessTokenValidatorTest.mintWithBuilder;
import static org.jwtauth.token.AccessTokenValidatorTest.rawClaims;
import static org.jwtauth.token.TestTokens.assemble;
import static org.jwtauth.token.TestTokens.b64;
import static org.jwtauth.token.TestTokens.q;

class AccessTokenJwtDecoderTest {

    static final KeyPair OTHER_RSA = AccessTokenValidatorTest.OTHER_RSA;

    MutableClock clock;
    AccessTokenJwtDecoder decoder;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        decoder = decoderWith(StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))));
    }

    AccessTokenJwtDecoder decoderWith(VerificationKeySource keys) {
        return new AccessTokenJwtDecoder(new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW), keys, clock));
    }

    /** Asserts the decoder failed with exactly Spring's BadJwtException (so it becomes a 401, never a 500). */
    static BadJwtException assertBadJwt(AccessTokenJwtDecoder decoder, String token) {
        Throwable thrown = catchThrowable(() -> decoder.decode(token));
        assertThat(thrown).as("decode outcome for %s", abbreviate(token)).isExactlyInstanceOf(BadJwtException.class);
        AccessTokenValidatorTest.assertSafeMessage(thrown.getMessage(), token);
        return (BadJwtException) thrown;
    }

    BadJwtException assertBadJwt(String token) {
        return assertBadJwt(decoder, token);
    }

    static String abbreviate(String token) {
        return token == null ? "null" : token.length() > 60 ? token.substring(0, 60) + "...(" + token.length() + ")" : token;
    }

    // ------------------------------------------------------------------ success

    @Test
    void validTokenBecomesASpringJwt() {
        String token = mintWithBuilder();

        Jwt jwt = decoder.decode(token);

        assertThat(jwt.getTokenValue()).isEqualTo(token);
        assertThat(jwt.getSubject()).isEqualTo(SUBJECT);
        assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(LIFETIME));
        assertThat(jwt.getIssuedAt()).isEqualTo(NOW);
        assertThat(jwt.getNotBefore()).isEqualTo(NOW);
        assertThat(jwt.getIssuer()).hasToString(ISSUER);
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER", "ADMIN");
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alice");
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", KID).containsEntry("typ", "at+jwt");
    }

    @Test
    void tokenWithoutRolesDecodes() {
        Jwt jwt = decoder.decode(mint(c -> c.remove("roles")));

        assertThat(jwt.getClaimAsStringList("roles")).isNull();
        assertThat(jwt.getSubject()).isEqualTo(SUBJECT);
    }

    @Test
    void tokenWithoutIatIsBadJwt() {
        String token = mint(c -> {
            c.remove("iat");
            c.remove("nbf");
        });

        assertThatThrownBy(() -> decoder.decode(token)).isExactlyInstanceOf(BadJwtException.class)
                .hasMessage("The access token lacks the iat claim");
    }

    @Test
    void tokenIssuedSlightlyInTheFutureWithinSkewDecodes() {
        Jwt jwt = decoder.decode(mint(c -> {
            c.put("iat", Date.from(NOW.plusSeconds(10)));
            c.put("nbf", Date.from(NOW.plusSeconds(10)));
        }));

        assertThat(jwt.getIssuedAt()).isEqualTo(NOW.plusSeconds(10));
    }

    // ------------------------------------------------------------------ failures map to BadJwtException

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n", "garbage", "a.b.c", ".", "..", "...", "....", "null", "undefined", "Bearer",
            "Bearer x", "eyJ", "eyJ.eyJ.eyJ", "💥", "\u0000", "%", "=.=.=", "{}.{}.{}"})
    void nullishAndGarbageInputsAreBadJwt(String token) {
        assertBadJwt(token);
    }

    @Test
    void missingTokenMessageIsPropagated() {
        assertThat(assertBadJwt(null)).hasMessage("The access token is missing");
        assertThat(assertBadJwt("")).hasMessage("The access token is missing");
    }

    @Test
    void expiredTokenIsBadJwtWithTheValidatorMessage() {
        String token = mintWithBuilder();
        clock.advance(LIFETIME.plus(SKEW).plusSeconds(1));

        BadJwtException e = assertBadJwt(token);

        assertThat(e).hasMessage("The access token expired");
        assertThat(e.getCause()).isInstanceOf(InvalidAccessTokenException.class);
    }

    static Stream<String> invalidTokens() {
        String valid = mintWithBuilder();
        String[] parts = valid.split("\\.");
        String hs256Header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
        String noneHeader = "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
        return Stream.of(
                // signature / key problems
                parts[0] + "." + b64(TestTokens.decode(parts[1]).replace(SUBJECT, "admin")) + "." + parts[2],
                parts[0] + "." + parts[1] + ".",
                parts[0] + "." + parts[1],
                valid + ".x.y",
                valid + ".a.b.c",
                mint(h -> { }, c -> { }, OTHER_RSA.getPrivate(), Jwts.SIG.RS256),
                mint(h -> h.put("kid", "unknown"), c -> { }),
                mint(h -> h.remove("kid"), c -> { }),
                b64(noneHeader) + "." + b64(json(rawClaims())) + ".",
                assemble(hs256Header, json(rawClaims()), TestTokens.hs256(RSA.getPublic().getEncoded())),
                assemble(hs256Header, json(rawClaims()), TestTokens.hs256(PemKeys.encode(RSA.getPublic()).getBytes(StandardCharsets.US_ASCII))),
                // typ
                mint(h -> h.remove("typ"), c -> { }),
                mint(h -> h.put("typ", "JWT"), c -> { }),
                mint(h -> h.put("typ", "refresh+jwt"), c -> { }),
                // claims
                mint(c -> c.remove("exp")),
                mint(c -> c.put("exp", Date.from(NOW.minus(Duration.ofHours(1))))),
                mint(c -> c.put("nbf", Date.from(NOW.plus(Duration.ofHours(1))))),
                mint(c -> {
                    c.put("iat", Date.from(NOW.plus(Duration.ofHours(1))));
                    c.remove("nbf");
                }),
                mint(c -> c.put("iss", "https://evil.test")),
                mint(c -> c.remove("iss")),
                mint(c -> c.put("aud", "other")),
                mint(c -> c.remove("aud")),
                mint(c -> c.remove("sub")),
                handMade(h -> { }, c -> c.put("exp", "tomorrow")),
                handMade(h -> { }, c -> c.put("roles", "ADMIN")),
                handMade(h -> { }, c -> c.put("roles", List.of(1, 2))),
                handMade(h -> { }, c -> c.put("preferred_username", 42)),
                handMade(h -> { }, c -> c.put("aud", 42)),
                handMade(h -> { }, c -> c.put("sub", 42)),
                // structure
                assemble("[]", json(rawClaims()), TestTokens.rs256(RSA.getPrivate())),
                assemble("\"x\"", json(rawClaims()), TestTokens.rs256(RSA.getPrivate())),
                assemble(json(AccessTokenValidatorTest.rawHeader("RS256")), "not json", TestTokens.rs256(RSA.getPrivate())),
                handMade(h -> h.put("zip", "DEF"), c -> { }),
                handMade(h -> h.put("crit", List.of("exp")), c -> { }),
                mint(c -> c.put("pad", "x".repeat(9000))),
                "x".repeat(100_000));
    }

    @ParameterizedTest
    @MethodSource("invalidTokens")
    void everyInvalidTokenIsBadJwt(String token) {
        assertBadJwt(token);
    }

    @Test
    void keySourceFailureIsBadJwtNotA500() {
        AccessTokenJwtDecoder broken = decoderWith(kid -> {
            throw new IllegalStateException("key store unavailable");
        });

        BadJwtException e = assertBadJwt(broken, mintWithBuilder());

        assertThat(e.getMessage()).doesNotContain("key store");
    }

    @Test
    void keySourceThatKnowsNoKeysGivesBadJwt() {
        AccessTokenJwtDecoder odd = decoderWith(kid -> Optional.empty());

        assertThat(assertBadJwt(odd, mintWithBuilder())).hasMessage("The access token is signed with an unknown key");
    }

    @Test
    void randomGarbageIsAlwaysBadJwt() {
        Random random = new Random(20260301L);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\":,\u0000é💥";
        int[] codePoints = alphabet.codePoints().toArray();
        for (int i = 0; i < 2000; i++) {
            int length = random.nextInt(i % 100 == 0 ? 10_000 : 300);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < length; j++) {
                sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            assertBadJwt(sb.toString());
        }
    }

    @Test
    void randomBase64UrlSegmentsAreAlwaysBadJwt() {
        Random random = new Random(7);
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        for (int i = 0; i < 1000; i++) {
            int segments = 1 + random.nextInt(6);
            List<String> parts = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                parts.add(enc.encodeToString(bytes));
            }
            assertBadJwt(String.join(".", parts));
        }
    }

    @Test
    void randomJsonishHeadersAndPayloadsAreAlwaysBadJwt() {
        Random random = new Random(99);
        List<String> headers = List.of("{}", "{\"alg\":\"RS256\"}", "{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}",
                "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}", "{\"alg\":null}", "{\"alg\":{}}",
                "{\"alg\":[\"RS256\"]}", "{\"typ\":1,\"alg\":\"RS256\",\"kid\":1}", "{\"alg\":\"RS256\",\"kid\":" + q(KID) + ",\"typ\":\"at+jwt\",\"enc\":\"A128GCM\"}",
                "{\"alg\":\"ES256\",\"kid\":" + q(KID) + ",\"typ\":\"at+jwt\"}", "{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}");
        List<String> payloads = List.of("{}", "{\"sub\":1}", json(rawClaims()), "{\"exp\":null}", "{\"exp\":1e400}", "{\"exp\":-1}",
                "{\"exp\":99999999999999999999999}", "{\"iat\":\"x\",\"exp\":\"y\"}", "[", "\"\"", "{\"aud\":[null]}",
                "{\"iss\":null,\"sub\":null,\"aud\":null,\"exp\":null}");
        for (int i = 0; i < 500; i++) {
            String header = headers.get(random.nextInt(headers.size()));
            String payload = payloads.get(random.nextInt(payloads.size()));
            byte[] sig = new byte[random.nextBoolean() ? 256 : random.nextInt(80)];
            random.nextBytes(sig);
            assertBadJwt(b64(header) + "." + b64(payload) + "." + b64(sig));
        }
    }

    @Test
    void properlySignedOddClaimValuesAreAlwaysBadJwtOrAValidJwt() {
        // Signed by the real key, so every check after the signature is exercised.
        List<Object> oddValues = new ArrayList<>(List.of("", " ", "x", -1, 0, 1.5, Long.MAX_VALUE, Double.MAX_VALUE, true,
                List.of(), List.of(""), Map.of(), Map.of("k", "v"), "1e400",
                // jjwt also accepts ISO-8601 strings for the NumericDate claims; use one that cannot produce
                // exp <= iat (that case has tests of its own below).
                "2030-01-01T00:00:00Z"));
        oddValues.add(null);
        for (String claim : List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "roles", "preferred_username")) {
            for (Object value : oddValues) {
                String token = handMade(h -> { }, c -> c.put(claim, value));
                Throwable thrown = catchThrowable(() -> decoder.decode(token));
                if (thrown != null) {
                    assertThat(thrown).as("%s = %s", claim, value).isExactlyInstanceOf(BadJwtException.class);
                    AccessTokenValidatorTest.assertSafeMessage(thrown.getMessage(), token);
                }
            }
        }
    }

    @Test
    void mutatedValidTokensAreBadJwtOrDecodeToTheSameClaims() {
        Random random = new Random(1234);
        String valid = mintWithBuilder();
        Jwt original = decoder.decode(valid);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < 1500; i++) {
            StringBuilder sb = new StringBuilder(valid);
            int pos = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.setCharAt(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> sb.deleteCharAt(pos);
                default -> sb.insert(pos, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String mutated = sb.toString();
            Throwable thrown = catchThrowable(() -> decoder.decode(mutated));
            if (thrown == null) {
                // Only a no-op mutation (or one in unused trailing base64 bits) may still verify.
                Jwt jwt = decoder.decode(mutated);
                assertThat(jwt.getClaims()).as("mutation %d at %d", i, pos).isEqualTo(original.getClaims());
                assertThat(jwt.getHeaders()).isEqualTo(original.getHeaders());
            } else {
                assertThat(thrown).as("mutation %d at %d", i, pos).isExactlyInstanceOf(BadJwtException.class);
                AccessTokenValidatorTest.assertSafeMessage(thrown.getMessage(), mutated);
            }
        }
    }

    @Test
    void tokenIssuedAtItsExpiryIsBadJwtNotIllegalArgument() {
        // iat == exp, both within the skew window; the next test covers iat > exp.
        String token = mint(c -> {
            c.put("iat", Date.from(NOW.minusSeconds(10)));
            c.put("nbf", Date.from(NOW.minusSeconds(10)));
            c.put("exp", Date.from(NOW.minusSeconds(10)));
        });

        assertBadJwt(token);
    }

    @Test
    void tokenIssuedAfterItsExpiryIsBadJwtNotIllegalArgument() {
        // Signed by the real issuer key; iat (now+20s) is inside the 30 s skew and exp (now+10s) has not passed,
        // so the validator accepts it, but Spring's Jwt refuses expiresAt <= issuedAt.
        String token = mint(c -> {
            c.put("iat", Date.from(NOW.plusSeconds(20)));
            c.remove("nbf");
            c.put("exp", Date.from(NOW.plusSeconds(10)));
        });

        assertBadJwt(token);
    }
}
