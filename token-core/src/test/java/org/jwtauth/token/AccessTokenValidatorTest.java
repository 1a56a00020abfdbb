package org.jwtauth.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jwtauth.token.TestTokens.assemble;
import static org.jwtauth.token.TestTokens.assembleEncoded;
import static org.jwtauth.token.TestTokens.b64;
import static org.jwtauth.token.TestTokens.q;

class AccessTokenValidatorTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "resource-service";
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String SUBJECT = "user-123";

    static final KeyPair RSA = Jwts.SIG.RS256.keyPair().build();
    static final String KID = JwkKeys.thumbprintKid(RSA.getPublic());
    static final KeyPair OTHER_RSA = Jwts.SIG.RS256.keyPair().build();
    static final KeyPair EC = Jwts.SIG.ES256.keyPair().build();
    static final String EC_KID = JwkKeys.thumbprintKid(EC.getPublic());
    static final KeyPair ED = Jwks.CRV.Ed25519.keyPair().build();
    static final String ED_KID = JwkKeys.thumbprintKid(ED.getPublic());

    static final ObjectMapper JSON = new ObjectMapper();

    /** Every message the validator may produce; anything else could be echoing attacker input. */
    static final Pattern SAFE_MESSAGE = Pattern.compile(String.join("|",
            "The access token is missing",
            "The access token is too large",
            "The access token expired",
            "The access token is not valid yet",
            "The access token lacks the (iss|aud|exp|sub|nbf|iat|jti) claim",
            "The access token has an unexpected (iss|aud) claim",
            "The access token signature is invalid",
            "The access token is not a signed JWT",
            "The access token is malformed",
            "The access token is invalid",
            "The access token was issued in the future",
            // the suggested fix for the iat >= exp bug (see AccessTokenJwtDecoderTest) may add this one
            "The access token expires before it was issued",
            "The access token has a malformed roles claim",
            "The access token has a malformed preferred_username claim",
            "The access token is signed with an algorithm that is not accepted",
            "The token is not an access token \\(typ must be at\\+jwt\\)",
            "Compressed access tokens are not accepted",
            "The access token is signed with an unknown key",
            "The access token algorithm does not match its key",
            "The access token's (exp|iat|nbf) claim is not a number",
            "The access token's lifetime is longer than accepted"));

    MutableClock clock;
    AccessTokenValidator validator;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        validator = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW),
                StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))), clock);
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> defaultHeader() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("kid", KID);
        h.put("typ", "at+jwt");
        return h;
    }

    /** Claims as jjwt builder input (Dates for the registered times). */
    static Map<String, Object> defaultClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("sub", SUBJECT);
        c.put("aud", AUDIENCE);
        c.put("iat", Date.from(NOW));
        c.put("nbf", Date.from(NOW));
        c.put("exp", Date.from(NOW.plus(LIFETIME)));
        c.put("jti", UUID.randomUUID().toString());
        c.put("preferred_username", "alice");
        c.put("roles", List.of("USER", "ADMIN"));
        return c;
    }

    /** Claims as raw JSON values (epoch seconds), for hand-assembled tokens. */
    static Map<String, Object> rawClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("sub", SUBJECT);
        c.put("aud", AUDIENCE);
        c.put("iat", NOW.getEpochSecond());
        c.put("nbf", NOW.getEpochSecond());
        c.put("exp", NOW.plus(LIFETIME).getEpochSecond());
        c.put("jti", UUID.randomUUID().toString());
        c.put("preferred_username", "alice");
        c.put("roles", List.of("USER", "ADMIN"));
        return c;
    }

    static Map<String, Object> rawHeader(String alg) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg);
        h.put("typ", "at+jwt");
        h.put("kid", KID);
        return h;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical way the auth server mints a token, written out with the jjwt fluent API. */
    static String mintWithBuilder() {
        return Jwts.builder()
                .header().keyId(KID).type("at+jwt").and()
                .issuer(ISSUER)
                .subject(SUBJECT)
                .audience().add(AUDIENCE).and()
                .issuedAt(Date.from(NOW))
                .notBefore(Date.from(NOW))
                .expiration(Date.from(NOW.plus(LIFETIME)))
                .id(UUID.randomUUID().toString())
                .claim("preferred_username", "alice")
                .claim("roles", List.of("USER", "ADMIN"))
                .signWith(RSA.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    static String mint(Consumer<Map<String, Object>> claims) {
        return mint(h -> { }, claims);
    }

    static String mint(Consumer<Map<String, Object>> header, Consumer<Map<String, Object>> claims) {
        return mint(header, claims, RSA.getPrivate(), Jwts.SIG.RS256);
    }

    static String mint(Consumer<Map<String, Object>> header, Consumer<Map<String, Object>> claims,
                       PrivateKey key, SecureDigestAlgorithm<PrivateKey, ?> alg) {
        Map<String, Object> h = defaultHeader();
        header.accept(h);
        Map<String, Object> c = defaultClaims();
        claims.accept(c);
        JwtBuilder builder = Jwts.builder().header().add(h).and().claims(c);
        return builder.signWith(key, alg).compact();
    }

    /** A hand-assembled RS256 token with a properly computed signature over arbitrary header/payload JSON. */
    static String handMade(Consumer<Map<String, Object>> header, Consumer<Map<String, Object>> claims) {
        Map<String, Object> h = rawHeader("RS256");
        header.accept(h);
        Map<String, Object> c = rawClaims();
        claims.accept(c);
        return assemble(json(h), json(c), TestTokens.rs256(RSA.getPrivate()));
    }

    InvalidAccessTokenException assertRejected(String token) {
        return assertRejected(validator, token);
    }

    static InvalidAccessTokenException assertRejected(AccessTokenValidator validator, String token) {
        Throwable thrown = catchThrowable(() -> validator.validate(token));
        assertThat(thrown).as("validation outcome").isInstanceOf(InvalidAccessTokenException.class);
        assertSafeMessage(thrown.getMessage(), token);
        return (InvalidAccessTokenException) thrown;
    }

    InvalidAccessTokenException assertRejected(String token, String expectedMessage) {
        InvalidAccessTokenException e = assertRejected(token);
        assertThat(e).hasMessage(expectedMessage);
        return e;
    }

    /** The message goes to the client: it must be one of the fixed texts and never echo the token. */
    static void assertSafeMessage(String message, String token) {
        assertThat(message).isNotBlank();
        assertThat(SAFE_MESSAGE.matcher(message).matches()).as("fixed message: %s", message).isTrue();
        if (token != null && token.strip().length() >= 6) {
            assertThat(message).doesNotContain(token.strip());
            for (String segment : token.split("\\.")) {
                if (segment.strip().length() >= 6) {
                    assertThat(message).doesNotContain(segment.strip());
                }
            }
        }
    }

    // ------------------------------------------------------------------ happy path

    @Nested
    class ValidTokens {

        @Test
        void tokenMintedWithTheJjwtBuilderIsAccepted() {
            String token = mintWithBuilder();

            ValidatedAccessToken valid = validator.validate(token);

            assertThat(valid.tokenValue()).isEqualTo(token);
            assertThat(valid.subject()).isEqualTo(SUBJECT);
            assertThat(valid.username()).isEqualTo("alice");
            assertThat(valid.roles()).containsExactly("USER", "ADMIN");
            assertThat(valid.expiresAt()).isEqualTo(NOW.plus(LIFETIME));
            assertThat(valid.claims().get("exp")).isInstanceOf(Instant.class).isEqualTo(NOW.plus(LIFETIME));
            assertThat(valid.claims().get("iat")).isInstanceOf(Instant.class).isEqualTo(NOW);
            assertThat(valid.claims().get("nbf")).isInstanceOf(Instant.class).isEqualTo(NOW);
            assertThat(valid.claims().get("aud")).isInstanceOf(List.class).isEqualTo(List.of(AUDIENCE));
            assertThat(valid.claims()).containsEntry("iss", ISSUER).containsKey("jti");
            assertThat(valid.headers()).containsEntry("alg", "RS256").containsEntry("kid", KID).containsEntry("typ", "at+jwt");
        }

        @Test
        void singleStringAudienceIsNormalisedToAList() {
            ValidatedAccessToken valid = validator.validate(mint(c -> c.put("aud", AUDIENCE)));

            assertThat(valid.claims().get("aud")).isEqualTo(List.of(AUDIENCE));
        }

        @Test
        void tokenWithoutRolesOrUsernameHasEmptyRolesAndNullUsername() {
            ValidatedAccessToken valid = validator.validate(mint(c -> {
                c.remove("roles");
                c.remove("preferred_username");
            }));

            assertThat(valid.roles()).isEmpty();
            assertThat(valid.username()).isNull();
        }

        @Test
        void emptyRolesListIsAccepted() {
            assertThat(validator.validate(mint(c -> c.put("roles", List.of()))).roles()).isEmpty();
        }

        @Test
        void handAssembledTokenIsAcceptedSoTheHelperProducesRealSignatures() {
            ValidatedAccessToken valid = validator.validate(handMade(h -> { }, c -> { }));

            assertThat(valid.subject()).isEqualTo(SUBJECT);
            assertThat(valid.roles()).containsExactly("USER", "ADMIN");
        }

        @Test
        void returnedMapsAreImmutable() {
            ValidatedAccessToken valid = validator.validate(mintWithBuilder());

            assertThatThrownBy(() -> valid.claims().put("sub", "admin")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> valid.headers().put("alg", "none")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void validatorIsReusableAcrossManyTokens() {
            for (int i = 0; i < 20; i++) {
                String sub = "user-" + i;
                assertThat(validator.validate(mint(c -> c.put("sub", sub))).subject()).isEqualTo(sub);
            }
        }
    }

    // ------------------------------------------------------------------ time

    @Nested
    class Time {

        @Test
        void expiredBeyondSkewIsRejected() {
            String token = mintWithBuilder();
            clock.setInstant(NOW.plus(LIFETIME).plus(SKEW).plusSeconds(1));

            assertRejected(token, "The access token expired");
        }

        @Test
        void longExpiredIsRejected() {
            String token = mintWithBuilder();
            clock.setInstant(NOW.plus(Duration.ofDays(365)));

            assertRejected(token, "The access token expired");
        }

        @Test
        void expiredWithinSkewIsAccepted() {
            String token = mintWithBuilder();
            clock.setInstant(NOW.plus(LIFETIME).plus(SKEW).minusSeconds(1));

            assertThat(validator.validate(token).subject()).isEqualTo(SUBJECT);
        }

        @Test
        void sameTokenBecomesInvalidAsTheClockAdvances() {
            String token = mintWithBuilder();
            assertThatCode(() -> validator.validate(token)).doesNotThrowAnyException();

            clock.advance(LIFETIME.plus(SKEW).plusSeconds(1));

            assertRejected(token, "The access token expired");
        }

        @Test
        void notBeforeInTheFutureBeyondSkewIsRejected() {
            String token = mint(c -> c.put("nbf", Date.from(NOW.plus(SKEW).plusSeconds(1))));

            assertRejected(token, "The access token is not valid yet");
        }

        @Test
        void notBeforeInTheFutureWithinSkewIsAccepted() {
            String token = mint(c -> c.put("nbf", Date.from(NOW.plus(SKEW).minusSeconds(1))));

            assertThat(validator.validate(token).subject()).isEqualTo(SUBJECT);
        }

        @Test
        void issuedInTheFutureBeyondSkewIsRejected() {
            String token = mint(c -> {
                c.put("iat", Date.from(NOW.plus(SKEW).plusSeconds(1)));
                c.remove("nbf");
            });

            assertRejected(token, "The access token was issued in the future");
        }

        @Test
        void issuedFarInTheFutureIsRejected() {
            String token = mint(c -> {
                c.put("iat", Date.from(NOW.plus(Duration.ofDays(1))));
                c.put("exp", Date.from(NOW.plus(Duration.ofDays(2))));
                c.remove("nbf");
            });

            assertRejected(token, "The access token was issued in the future");
        }

        @Test
        void issuedInTheFutureWithinSkewIsAccepted() {
            String token = mint(c -> {
                c.put("iat", Date.from(NOW.plus(SKEW).minusSeconds(1)));
                c.remove("nbf");
            });

            assertThat(validator.validate(token).subject()).isEqualTo(SUBJECT);
        }

        @Test
        void missingExpIsRejected() {
            assertRejected(mint(c -> c.remove("exp")), "The access token lacks the exp claim");
        }

        @Test
        void missingExpIsRejectedForHandAssembledTokenToo() {
            assertRejected(handMade(h -> { }, c -> c.remove("exp")), "The access token lacks the exp claim");
        }

        @Test
        void missingNbfIsAccepted() {
            String token = mint(c -> c.remove("nbf"));

            assertThat(validator.validate(token).claims()).doesNotContainKeys("nbf");
        }

        @Test
        void missingIatIsRejected() {
            assertRejected(mint(c -> {
                c.remove("iat");
                c.remove("nbf");
            }), "The access token lacks the iat claim");
            assertRejected(handMade(h -> { }, c -> c.remove("iat")), "The access token lacks the iat claim");
        }

        @Test
        void timesMustBeJsonNumbers() {
            // jjwt alone would read each of these as a date
            for (String claim : List.of("exp", "iat", "nbf")) {
                Instant at = claim.equals("exp") ? NOW.plus(LIFETIME) : NOW;
                for (Object spelling : List.of(at.toString(), Long.toString(at.getEpochSecond()), List.of(at.getEpochSecond()),
                        Map.of("t", at.getEpochSecond()), true)) {
                    InvalidAccessTokenException e = assertRejected(handMade(h -> { }, c -> c.put(claim, spelling)));
                    assertThat(e.reason()).as("%s = %s", claim, spelling).isIn(InvalidAccessTokenException.Reason.INVALID_CLAIMS,
                            InvalidAccessTokenException.Reason.MALFORMED);
                }
                assertRejected(handMade(h -> { }, c -> c.put(claim, at.toString())), "The access token's " + claim + " claim is not a number");
            }
            // only the payload's times count: a header parameter of that name is just an unknown header parameter
            assertRejected(handMade(h -> h.put("iat", "x"), c -> { }), "The access token is malformed");
            // a fraction is still a NumericDate (RFC 7519 section 2)
            assertThat(validator.validate(handMade(h -> { }, c -> c.put("iat", NOW.getEpochSecond() + 0.5))).subject())
                    .isEqualTo(SUBJECT);
        }

        @Test
        void aLifetimeBeyondTheMaximumIsRejected() {
            AccessTokenValidator capped = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW,
                    Set.copyOf(AccessTokenFormat.DEFAULT_ALGORITHMS), AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH,
                    Duration.ofMinutes(15)), StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))),
                    clock);

            assertThat(capped.validate(handMade(h -> { }, c -> c.put("exp", NOW.plus(Duration.ofMinutes(15)).getEpochSecond())))
                    .subject()).isEqualTo(SUBJECT);
            assertRejected(capped, handMade(h -> { }, c -> c.put("exp", NOW.plus(Duration.ofMinutes(15)).getEpochSecond() + 1)));
            // the default cap: an hour; far-future tokens are refused
            assertRejected(handMade(h -> { }, c -> c.put("exp", NOW.plus(Duration.ofDays(365 * 70)).getEpochSecond())),
                    "The access token's lifetime is longer than accepted");
            assertThat(AccessTokenValidator.DEFAULT_MAX_LIFETIME).isEqualTo(Duration.ofHours(1));
        }

        @Test
        void zeroSkewIsStrict() {
            AccessTokenValidator strict = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, Duration.ZERO),
                    StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))), clock);
            String token = mintWithBuilder();

            clock.setInstant(NOW.plus(LIFETIME).plusSeconds(1));
            assertRejected(strict, token);

            clock.setInstant(NOW.minusSeconds(1));
            assertRejected(strict, token);
        }
    }

    // ------------------------------------------------------------------ iss / aud / sub

    @Nested
    class IssuerAudienceSubject {

        @Test
        void wrongIssuerIsRejected() {
            assertRejected(mint(c -> c.put("iss", "https://evil.test")), "The access token has an unexpected iss claim");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://issuer.test/", "HTTPS://issuer.test", "https://issuer.test.evil", "http://issuer.test", " https://issuer.test"})
        void nearMissIssuerIsRejected(String iss) {
            assertRejected(mint(c -> c.put("iss", iss)), "The access token has an unexpected iss claim");
        }

        @Test
        void missingIssuerIsRejected() {
            assertRejected(mint(c -> c.remove("iss")), "The access token lacks the iss claim");
        }

        @Test
        void wrongAudienceIsRejected() {
            assertRejected(mint(c -> c.put("aud", "other-service")), "The access token has an unexpected aud claim");
        }

        @Test
        void audienceArrayWithoutOursIsRejected() {
            assertRejected(mint(c -> c.put("aud", List.of("a", "b"))), "The access token has an unexpected aud claim");
        }

        @Test
        void missingAudienceIsRejected() {
            assertRejected(mint(c -> c.remove("aud")), "The access token lacks the aud claim");
        }

        @Test
        void audienceArrayContainingOursIsAccepted() {
            ValidatedAccessToken valid = validator.validate(mint(c -> c.put("aud", List.of("other-service", AUDIENCE, "third"))));

            assertThat(valid.claims().get("aud")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactlyInAnyOrder("other-service", AUDIENCE, "third");
        }

        @Test
        void missingSubjectIsRejected() {
            assertRejected(mint(c -> c.remove("sub")), "The access token lacks the sub claim");
        }

        @Test
        void blankSubjectIsRejected() {
            assertRejected(handMade(h -> { }, c -> c.put("sub", "   ")), "The access token lacks the sub claim");
        }
    }

    // ------------------------------------------------------------------ typ

    @Nested
    class Type {

        @Test
        void missingTypIsRejected() {
            assertRejected(mint(h -> h.remove("typ"), c -> { }), "The token is not an access token (typ must be at+jwt)");
        }

        @Test
        void plainJwtTypIsRejected() {
            assertRejected(mint(h -> h.put("typ", "JWT"), c -> { }), "The token is not an access token (typ must be at+jwt)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/at+jwt", "AT+JWT", "Application/At+Jwt"})
        void fullMediaTypeAndCaseVariantsAreAccepted(String typ) {
            assertThat(validator.validate(mint(h -> h.put("typ", typ), c -> { })).subject()).isEqualTo(SUBJECT);
        }

        @Test
        void refreshTokenLookalikeIsRejected() {
            String refreshLike = mint(h -> h.put("typ", "refresh+jwt"), c -> {
                c.put("roles", List.of());
                c.put("token_use", "refresh");
            });

            assertRejected(refreshLike, "The token is not an access token (typ must be at+jwt)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"at+jwt ", "at+jw", "application/jwt", "id_token+jwt", "", "at+JWT; charset=utf-8"})
        void otherTypValuesAreRejected(String typ) {
            assertRejected(handMade(h -> h.put("typ", typ), c -> { }));
        }

        @Test
        void nonStringTypIsRejected() {
            assertRejected(handMade(h -> h.put("typ", 42), c -> { }));
        }
    }

    // ------------------------------------------------------------------ algorithm attacks

    @Nested
    class Algorithms {

        @Test
        void algNoneIsRejected() {
            String header = "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            String token = b64(header) + "." + b64(json(rawClaims())) + ".";

            assertRejected(token);
        }

        @Test
        void algNoneWithSignatureSegmentIsRejected() {
            String header = "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            String token = assemble(header, json(rawClaims()), TestTokens.rs256(RSA.getPrivate()));

            assertRejected(token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"None", "NONE", "nOnE"})
        void algNoneCaseVariantsAreRejected(String alg) {
            String header = "{\"alg\":" + q(alg) + ",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            assertRejected(b64(header) + "." + b64(json(rawClaims())) + ".");
        }

        @Test
        void hs256SignedWithTheDerEncodedPublicKeyIsRejected() {
            String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            String token = assemble(header, json(rawClaims()), TestTokens.hs256(RSA.getPublic().getEncoded()));

            assertRejected(token, "The access token is signed with an algorithm that is not accepted");
        }

        @Test
        void hs256SignedWithThePemEncodedPublicKeyIsRejected() {
            String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            String pem = PemKeys.encode(RSA.getPublic());
            for (String secret : List.of(pem, pem.strip(), pem.replace("\n", "\r\n"))) {
                String token = assemble(header, json(rawClaims()), TestTokens.hs256(secret.getBytes(StandardCharsets.US_ASCII)));

                assertRejected(token, "The access token is signed with an algorithm that is not accepted");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"HS384", "HS512"})
        void otherHmacAlgorithmsAreRejected(String alg) {
            String header = "{\"alg\":" + q(alg) + ",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            String token = assemble(header, json(rawClaims()), TestTokens.hs256(RSA.getPublic().getEncoded()));

            assertRejected(token, "The access token is signed with an algorithm that is not accepted");
        }

        @Test
        void hmacIsRejectedEvenIfAKeySourceWronglyOffersAnHmacKey() {
            // A misconfigured key source cannot re-enable HS256: the allow-list is checked first.
            AccessTokenValidator v = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW),
                    kid -> java.util.Optional.of(new VerificationKey(KID, "HS256", RSA.getPublic())), clock);
            String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            String token = assemble(header, json(rawClaims()), TestTokens.hs256(RSA.getPublic().getEncoded()));

            assertThat(assertRejected(v, token)).hasMessage("The access token is signed with an algorithm that is not accepted");
        }

        @ParameterizedTest
        @ValueSource(strings = {"rs256", "RS256 ", "RSA", "", "RS1"})
        void unknownOrMisspelledAlgIsRejected(String alg) {
            assertRejected(handMade(h -> h.put("alg", alg), c -> { }));
        }

        @Test
        void missingAlgIsRejected() {
            assertRejected(handMade(h -> h.remove("alg"), c -> { }));
        }

        @Test
        void keyRegisteredForEs256CannotVerifyRs256Token() {
            AccessTokenValidator v = validatorWith(StaticVerificationKeys.of(List.of(new VerificationKey(KID, "ES256", EC.getPublic()))));

            assertThat(assertRejected(v, mintWithBuilder())).hasMessage("The access token algorithm does not match its key");
        }

        @Test
        void rsaKeyMislabelledEs256CannotVerifyRs256Token() {
            AccessTokenValidator v = validatorWith(StaticVerificationKeys.of(List.of(new VerificationKey(KID, "ES256", RSA.getPublic()))));

            assertThat(assertRejected(v, mintWithBuilder())).hasMessage("The access token algorithm does not match its key");
        }

        @Test
        void ps256TokenIsRejectedForAnRs256Key() {
            AccessTokenValidator v = new AccessTokenValidator(
                    new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW, Set.of("RS256", "PS256"), AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH),
                    StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))), clock);
            String token = mint(h -> { }, c -> { }, RSA.getPrivate(), Jwts.SIG.PS256);

            assertThat(assertRejected(v, token)).hasMessage("The access token algorithm does not match its key");
        }

        @Test
        void es256HeaderOnRsaKeyWithMatchingLabelStillFailsTheSignature() {
            // Key labelled ES256 but actually RSA (misconfiguration): jjwt must refuse the key for ES256.
            AccessTokenValidator v = validatorWith(StaticVerificationKeys.of(List.of(new VerificationKey(KID, "ES256", RSA.getPublic()))));
            String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
            String token = assemble(header, json(rawClaims()), TestTokens.es256(EC.getPrivate()));

            assertRejected(v, token);
        }

        @Test
        void embeddedJwkHeaderIsNotTrusted() {
            // The attacker signs with their own key and embeds its public JWK; only the configured key counts.
            Map<String, Object> attackerJwk = publicJwkAsMap(OTHER_RSA);
            String token = assemble(json(Map.of("alg", "RS256", "typ", "at+jwt", "kid", KID, "jwk", attackerJwk)),
                    json(rawClaims()), TestTokens.rs256(OTHER_RSA.getPrivate()));

            // Refused for the header parameter itself, before any key is looked at.
            assertRejected(token, "The access token is malformed");
        }

        @Test
        void unencodedPayloadHeaderWithoutCritIsRefusedEvenWhenSignedByTheRealKey() {
            // Found by AccessTokenJwtDecoderPropertyTest: jjwt ignores b64:false unless crit names it,
            // so a header we never issue verified. Only alg, typ and kid are accepted.
            String token = handMade(h -> h.put("b64", false), c -> { });
            assertRejected(token, "The access token is malformed");
        }

        @Test
        void jkuAndX5uHeadersAreNotFollowed() {
            String token = assemble(json(Map.of("alg", "RS256", "typ", "at+jwt", "kid", KID,
                            "jku", "https://attacker.test/jwks.json", "x5u", "https://attacker.test/cert.pem")),
                    json(rawClaims()), TestTokens.rs256(OTHER_RSA.getPrivate()));

            // Refused for the header parameters themselves, before any key is looked at.
            assertRejected(token, "The access token is malformed");
        }

        @Test
        void psychicEcdsaSignatureIsRejected() {
            // CVE-2022-21449: r = s = 0 must never verify.
            AccessTokenValidator v = validatorWith(StaticVerificationKeys.of(List.of(new VerificationKey(EC_KID, "ES256", EC.getPublic()))));
            String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":" + q(EC_KID) + "}";
            String token = assemble(header, json(rawClaims()), input -> new byte[64]);

            assertRejected(v, token, "The access token signature is invalid");
        }
    }

    // ------------------------------------------------------------------ tampering and keys

    @Nested
    class TamperingAndKeys {

        @Test
        void tamperedPayloadIsRejected() {
            String[] parts = mintWithBuilder().split("\\.");
            String payload = TestTokens.decode(parts[1]).replace(SUBJECT, "admin");
            String token = parts[0] + "." + b64(payload) + "." + parts[2];

            assertRejected(token, "The access token signature is invalid");
        }

        @Test
        void escalatedRolesInPayloadAreRejected() {
            String[] parts = mintWithBuilder().split("\\.");
            String payload = TestTokens.decode(parts[1]).replace("\"USER\"", "\"SUPERUSER\"");
            assertThat(payload).contains("SUPERUSER");

            assertRejected(parts[0] + "." + b64(payload) + "." + parts[2], "The access token signature is invalid");
        }

        @Test
        void tamperedHeaderIsRejected() {
            String[] parts = mintWithBuilder().split("\\.");
            String header = TestTokens.decode(parts[0]).replace("at+jwt", "application/at+jwt");

            assertRejected(b64(header) + "." + parts[1] + "." + parts[2], "The access token signature is invalid");
        }

        @Test
        void tamperedSignatureIsRejected() {
            String token = mintWithBuilder();
            int i = token.lastIndexOf('.') + 20; // well inside the signature, away from trailing padding bits
            char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + flipped + token.substring(i + 1);

            assertRejected(tampered, "The access token signature is invalid");
        }

        @Test
        void truncatedSignatureIsRejected() {
            String token = mintWithBuilder();

            assertRejected(token.substring(0, token.length() - 4));
        }

        @Test
        void signatureStrippedIsRejected() {
            String token = mintWithBuilder();
            String withoutSignature = token.substring(0, token.lastIndexOf('.') + 1);

            assertRejected(withoutSignature);
            assertRejected(withoutSignature.substring(0, withoutSignature.length() - 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {".", ".x", ".x.y", ".x.y.z", "..", "...."})
        void extraSegmentsAreRejected(String suffix) {
            assertRejected(mintWithBuilder() + suffix);
        }

        @Test
        void signedByAnotherKeyClaimingTheKnownKidIsRejected() {
            String token = mint(h -> { }, c -> { }, OTHER_RSA.getPrivate(), Jwts.SIG.RS256);

            assertRejected(token, "The access token signature is invalid");
        }

        @Test
        void unknownKidIsRejected() {
            String token = mint(h -> h.put("kid", JwkKeys.thumbprintKid(OTHER_RSA.getPublic())), c -> { }, OTHER_RSA.getPrivate(), Jwts.SIG.RS256);

            assertRejected(token, "The access token is signed with an unknown key");
        }

        @ParameterizedTest
        @ValueSource(strings = {"../../etc/passwd", "' OR 1=1 --", "", " ", "\u0000", "<script>alert(1)</script>"})
        void hostileKidValuesAreUnknownKeysAndNeverEchoed(String kid) {
            InvalidAccessTokenException e = assertRejected(handMade(h -> h.put("kid", kid), c -> { }));

            assertThat(e).hasMessage("The access token is signed with an unknown key");
        }

        @Test
        void nonStringKidIsRejected() {
            assertRejected(handMade(h -> h.put("kid", List.of(KID)), c -> { }));
        }

        @Test
        void missingKidWithMultipleKeysIsRejected() {
            AccessTokenValidator v = validatorWith(StaticVerificationKeys.of(List.of(
                    new VerificationKey(KID, "RS256", RSA.getPublic()),
                    new VerificationKey(EC_KID, "ES256", EC.getPublic()))));

            assertThat(assertRejected(v, mint(h -> h.remove("kid"), c -> { }))).hasMessage("The access token is signed with an unknown key");
        }

        @Test
        void missingKidWithASingleKeyListIsRejectedToo() {
            // of(...) never matches "any kid", even with exactly one key.
            assertRejected(mint(h -> h.remove("kid"), c -> { }), "The access token is signed with an unknown key");
        }

        @Test
        void singleKeySourceVerifiesTokensWithoutKidButStillChecksTheSignature() {
            AccessTokenValidator v = validatorWith(StaticVerificationKeys.singleKey(new VerificationKey(null, "RS256", RSA.getPublic())));

            assertThat(v.validate(mint(h -> h.remove("kid"), c -> { })).subject()).isEqualTo(SUBJECT);
            assertThat(v.validate(mint(h -> h.put("kid", "whatever"), c -> { })).subject()).isEqualTo(SUBJECT);
            assertThat(assertRejected(v, mint(h -> h.remove("kid"), c -> { }, OTHER_RSA.getPrivate(), Jwts.SIG.RS256)))
                    .hasMessage("The access token signature is invalid");
        }

        @Test
        void multiKeySourceSelectsKeyByKid() {
            AccessTokenValidator v = validatorWith(StaticVerificationKeys.of(List.of(
                    new VerificationKey(KID, "RS256", RSA.getPublic()),
                    new VerificationKey(EC_KID, "ES256", EC.getPublic()))));

            assertThat(v.validate(mintWithBuilder()).subject()).isEqualTo(SUBJECT);
            assertThat(v.validate(mint(h -> h.put("kid", EC_KID), c -> { }, EC.getPrivate(), Jwts.SIG.ES256)).subject()).isEqualTo(SUBJECT);
            // ES256 token that names the RSA key's kid
            assertThat(assertRejected(v, mint(h -> { }, c -> { }, EC.getPrivate(), Jwts.SIG.ES256)))
                    .hasMessage("The access token algorithm does not match its key");
        }
    }

    // ------------------------------------------------------------------ malformed input

    @Nested
    class Malformed {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "   ", "\t", "\n", " \r\n "})
        void missingTokenIsRejected(String token) {
            assertRejected(token, "The access token is missing");
        }

        @ParameterizedTest
        @ValueSource(strings = {"garbage", "a.b.c", ".", "..", "...", "a..c", "..c", "eyJ", "eyJ.eyJ.eyJ", "Bearer x.y.z",
                "💥.💥.💥", "null", "{}", "{\"alg\":\"RS256\"}", "%00.%00.%00", "====.====.====", "a b.c d.e f",
                "eyJhbGciOiJSUzI1NiJ9", "eyJhbGciOiJSUzI1NiJ9.", "eyJhbGciOiJSUzI1NiJ9..", "\u0000\u0000"})
        void garbageIsRejected(String token) {
            assertRejected(token);
        }

        @Test
        void bearerPrefixedValidTokenIsRejected() {
            assertRejected("Bearer " + mintWithBuilder());
        }

        @Test
        void validTokenWithEmbeddedWhitespaceIsRejected() {
            String token = mintWithBuilder();
            int dot = token.indexOf('.');
            assertRejected(token.substring(0, dot + 5) + " " + token.substring(dot + 5));
            assertRejected(token.substring(0, dot + 5) + "\n" + token.substring(dot + 5));
        }

        @ParameterizedTest
        @ValueSource(strings = {"!!!", "a*b", "eyJ+/", "=", "e y J"})
        void badBase64HeaderIsRejected(String header) {
            String token = assembleEncoded(header, b64(json(rawClaims())), TestTokens.rs256(RSA.getPrivate()));
            assertRejected(token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"!!!", "%%%", "eyJ+/", "@@@@"})
        void badBase64PayloadIsRejected(String payload) {
            String token = assembleEncoded(b64(json(rawHeader("RS256"))), payload, TestTokens.rs256(RSA.getPrivate()));
            assertRejected(token);
        }

        @Test
        void badBase64SignatureIsRejected() {
            String token = mintWithBuilder();
            assertRejected(token.substring(0, token.lastIndexOf('.') + 1) + "!!!!");
            assertRejected(token.substring(0, token.lastIndexOf('.') + 1) + "+/+/");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"x\"", "42", "null", "true", "{", "{\"alg\":", "", "not json", "[{\"alg\":\"RS256\"}]"})
        void headerThatIsNotAJsonObjectIsRejected(String header) {
            String token = assemble(header, json(rawClaims()), TestTokens.rs256(RSA.getPrivate()));
            assertRejected(token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "[]", "\"x\"", "42", "null", "{", "{\"sub\":", "<xml/>"})
        void payloadThatIsNotAJsonObjectIsRejected(String payload) {
            String token = assemble(json(rawHeader("RS256")), payload, TestTokens.rs256(RSA.getPrivate()));
            assertRejected(token);
        }

        @Test
        void emptyPayloadIsRejected() {
            String token = assemble(json(rawHeader("RS256")), "", TestTokens.rs256(RSA.getPrivate()));
            assertRejected(token);
        }

        @Test
        void emptyClaimsObjectIsRejected() {
            String token = assemble(json(rawHeader("RS256")), "{}", TestTokens.rs256(RSA.getPrivate()));
            assertRejected(token);
        }

        static Stream<Arguments> wronglyTypedClaims() {
            return Stream.of(
                    Arguments.of("exp", "tomorrow"),
                    Arguments.of("exp", List.of(1)),
                    Arguments.of("exp", Map.of("t", 1)),
                    Arguments.of("exp", true),
                    Arguments.of("nbf", "yesterday"),
                    Arguments.of("iat", "now"),
                    Arguments.of("roles", "ADMIN"),
                    Arguments.of("roles", List.of(1, 2)),
                    Arguments.of("roles", List.of("USER", 2)),
                    Arguments.of("roles", Map.of("ADMIN", true)),
                    Arguments.of("roles", 7),
                    Arguments.of("roles", List.of(List.of("ADMIN"))),
                    Arguments.of("preferred_username", 42),
                    Arguments.of("preferred_username", List.of("alice")),
                    Arguments.of("preferred_username", Map.of("name", "alice")),
                    Arguments.of("preferred_username", true),
                    Arguments.of("aud", 42),
                    Arguments.of("aud", Map.of("aud", AUDIENCE)),
                    Arguments.of("aud", List.of(42)),
                    Arguments.of("iss", 42),
                    Arguments.of("iss", List.of(ISSUER)),
                    Arguments.of("sub", 42),
                    Arguments.of("sub", List.of(SUBJECT)),
                    Arguments.of("sub", Map.of()));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("wronglyTypedClaims")
        void wronglyTypedClaimsAreRejected(String claim, Object value) {
            String token = handMade(h -> { }, c -> c.put(claim, value));

            InvalidAccessTokenException e = assertRejected(token);
            assertThat(e.getMessage()).doesNotContain(String.valueOf(value));
        }

        @Test
        void rolesWithANullEntryAreRejected() {
            List<Object> roles = new ArrayList<>();
            roles.add("USER");
            roles.add(null);
            assertRejected(handMade(h -> { }, c -> c.put("roles", roles)), "The access token has a malformed roles claim");
        }

        @Test
        void rolesAsStringHasSpecificMessage() {
            assertRejected(handMade(h -> { }, c -> c.put("roles", "ADMIN")), "The access token has a malformed roles claim");
        }

        @Test
        void rolesAsListOfNumbersHasSpecificMessage() {
            assertRejected(handMade(h -> { }, c -> c.put("roles", List.of(1, 2))), "The access token has a malformed roles claim");
        }

        @Test
        void usernameAsNumberHasSpecificMessage() {
            assertRejected(handMade(h -> { }, c -> c.put("preferred_username", 42)),
                    "The access token has a malformed preferred_username claim");
        }

        @Test
        void tokenLongerThan8KiBIsRejectedAsTooLarge() {
            String token = mint(c -> c.put("pad", "x".repeat(9000)));
            assertThat(token.length()).isGreaterThan(AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH);

            assertRejected(token, "The access token is too large");
        }

        @Test
        void hugeGarbageIsRejectedAsTooLarge() {
            assertRejected("a".repeat(AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH + 1), "The access token is too large");
            assertRejected("a.b.c".repeat(1_000_000), "The access token is too large");
        }

        @Test
        void maxTokenLengthBoundaryIsInclusive() {
            String token = mintWithBuilder();
            AccessTokenValidator exact = new AccessTokenValidator(
                    new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW, Set.of("RS256"), token.length()),
                    StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))), clock);
            AccessTokenValidator oneLess = new AccessTokenValidator(
                    new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW, Set.of("RS256"), token.length() - 1),
                    StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))), clock);

            assertThat(exact.validate(token).subject()).isEqualTo(SUBJECT);
            assertThat(assertRejected(oneLess, token)).hasMessage("The access token is too large");
        }

        @Test
        void tokenJustUnder8KiBIsStillValidated() {
            String token = mint(c -> c.put("pad", "x".repeat(5000)));
            assertThat(token.length()).isLessThanOrEqualTo(AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH);

            assertThat(validator.validate(token).subject()).isEqualTo(SUBJECT);
        }

        @Test
        void jweLookingFivePartTokenIsRejected() {
            java.util.Random random = new java.util.Random(42);
            byte[] encryptedKey = new byte[256];
            byte[] iv = new byte[12];
            byte[] ciphertext = new byte[120];
            byte[] tag = new byte[16];
            random.nextBytes(encryptedKey);
            random.nextBytes(iv);
            random.nextBytes(ciphertext);
            random.nextBytes(tag);
            for (String header : List.of(
                    "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}",
                    "{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}",
                    "{\"alg\":\"RS256\",\"enc\":\"A128GCM\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}")) {
                String token = b64(header) + "." + b64(encryptedKey) + "." + b64(iv) + "." + b64(ciphertext) + "." + b64(tag);
                assertRejected(token);
            }
        }

        @Test
        void compressedPayloadIsRejected() {
            String header = json(Map.of("alg", "RS256", "typ", "at+jwt", "kid", KID, "zip", "DEF"));
            String token = assembleEncoded(b64(header), b64(TestTokens.deflate(json(rawClaims()))), TestTokens.rs256(RSA.getPrivate()));

            assertRejected(token, "Compressed access tokens are not accepted");
        }

        @Test
        void unknownCompressionAlgorithmIsRejected() {
            assertRejected(handMade(h -> h.put("zip", "GZIP"), c -> { }));
        }

        @Test
        void criticalHeaderNamingAnUnsupportedExtensionIsRejected() {
            assertRejected(handMade(h -> {
                h.put("crit", List.of("exp"));
                h.put("exp", NOW.plus(LIFETIME).getEpochSecond());
            }, c -> { }));
        }

        @Test
        void criticalHeaderNamingAnUnknownExtensionIsRejected() {
            assertRejected(handMade(h -> {
                h.put("crit", List.of("urn:example:must-understand"));
                h.put("urn:example:must-understand", true);
            }, c -> { }));
        }

        @Test
        void criticalHeaderThatIsNotAnArrayIsRejected() {
            assertRejected(handMade(h -> h.put("crit", "exp"), c -> { }));
        }

        @Test
        void emptyCriticalHeaderIsHandledCleanly() {
            // RFC 7515 4.1.11 forbids producers from sending "crit":[] but does not oblige recipients to
            // reject it; jjwt tolerates it. Only the issuer can sign such a header, so either outcome is fine
            // as long as it is a clean one.
            String token = handMade(h -> h.put("crit", List.of()), c -> { });
            Throwable thrown = catchThrowable(() -> validator.validate(token));
            if (thrown == null) {
                assertThat(validator.validate(token).subject()).isEqualTo(SUBJECT);
            } else {
                assertThat(thrown).isInstanceOf(InvalidAccessTokenException.class);
                assertSafeMessage(thrown.getMessage(), token);
            }
        }

        @Test
        void unencodedPayloadOptionIsNeverAcceptedWithAChangedMeaning() {
            // RFC 7797 b64=false: whatever jjwt decides, the outcome is a clean rejection or the same claims.
            String header = json(Map.of("alg", "RS256", "typ", "at+jwt", "kid", KID, "b64", false, "crit", List.of("b64")));
            String payload = json(rawClaims());
            String signingInput = b64(header) + "." + payload;
            String token;
            try {
                token = signingInput + "." + b64(TestTokens.rs256(RSA.getPrivate()).sign(signingInput.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            Throwable thrown = catchThrowable(() -> validator.validate(token));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(InvalidAccessTokenException.class);
                assertSafeMessage(thrown.getMessage(), token);
            }
        }

        @Test
        void duplicateHeaderParametersDoNotEnableAlgNone() {
            String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + ",\"alg\":\"none\"}";
            assertRejected(b64(header) + "." + b64(json(rawClaims())) + ".");
        }

        @Test
        void nullValuedClaimIsRejectedOrIgnoredButNeverCrashes() {
            String token = handMade(h -> { }, c -> c.put("jti", null));

            Throwable thrown = catchThrowable(() -> validator.validate(token));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(InvalidAccessTokenException.class);
                assertSafeMessage(thrown.getMessage(), token);
            }
        }

        @Test
        void nullValuedHeaderIsRejectedOrIgnoredButNeverCrashes() {
            String token = handMade(h -> h.put("x-extra", null), c -> { });

            Throwable thrown = catchThrowable(() -> validator.validate(token));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(InvalidAccessTokenException.class);
                assertSafeMessage(thrown.getMessage(), token);
            }
        }

        @Test
        void nestedNullInsideAClaimIsHarmless() {
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("a", null);
            assertThat(validator.validate(handMade(h -> { }, c -> c.put("extra", nested))).subject()).isEqualTo(SUBJECT);
        }
    }

    // ------------------------------------------------------------------ other algorithms

    @Nested
    class OtherAlgorithms {

        AccessTokenValidator all;
        AccessTokenValidator rsOnly;

        @BeforeEach
        void setUp() {
            StaticVerificationKeys keys = StaticVerificationKeys.of(List.of(
                    new VerificationKey(KID, "RS256", RSA.getPublic()),
                    new VerificationKey(EC_KID, "ES256", EC.getPublic()),
                    new VerificationKey(ED_KID, "EdDSA", ED.getPublic())));
            all = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW), keys, clock);
            rsOnly = new AccessTokenValidator(
                    new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW, Set.of("RS256"), AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH),
                    keys, clock);
        }

        String es256Token() {
            return mint(h -> h.put("kid", EC_KID), c -> { }, EC.getPrivate(), Jwts.SIG.ES256);
        }

        String edDsaToken() {
            return mint(h -> h.put("kid", ED_KID), c -> { }, ED.getPrivate(), Jwts.SIG.EdDSA);
        }

        @Test
        void es256TokenIsAccepted() {
            ValidatedAccessToken valid = all.validate(es256Token());

            assertThat(valid.headers()).containsEntry("alg", "ES256");
            assertThat(valid.subject()).isEqualTo(SUBJECT);
            assertThat(valid.roles()).containsExactly("USER", "ADMIN");
        }

        @Test
        void edDsaTokenIsAccepted() {
            String token = edDsaToken();
            assertThat(TestTokens.decode(token.split("\\.")[0])).contains("\"alg\":\"EdDSA\"");

            ValidatedAccessToken valid = all.validate(token);

            assertThat(valid.headers()).containsEntry("alg", "EdDSA");
            assertThat(valid.subject()).isEqualTo(SUBJECT);
        }

        @Test
        void handAssembledEs256AndEdDsaTokensAreAccepted() {
            Map<String, Object> es = rawHeader("ES256");
            es.put("kid", EC_KID);
            Map<String, Object> ed = rawHeader("EdDSA");
            ed.put("kid", ED_KID);

            assertThat(all.validate(assemble(json(es), json(rawClaims()), TestTokens.es256(EC.getPrivate()))).subject()).isEqualTo(SUBJECT);
            assertThat(all.validate(assemble(json(ed), json(rawClaims()), TestTokens.ed25519(ED.getPrivate()))).subject()).isEqualTo(SUBJECT);
        }

        @Test
        void es256AndEdDsaAreRejectedWhenOnlyRs256IsAllowed() {
            assertThat(assertRejected(rsOnly, es256Token())).hasMessage("The access token is signed with an algorithm that is not accepted");
            assertThat(assertRejected(rsOnly, edDsaToken())).hasMessage("The access token is signed with an algorithm that is not accepted");
            assertThat(rsOnly.validate(mintWithBuilder()).subject()).isEqualTo(SUBJECT);
        }

        @Test
        void tamperedEs256AndEdDsaTokensAreRejected() {
            for (String token : List.of(es256Token(), edDsaToken())) {
                String[] parts = token.split("\\.");
                String tampered = parts[0] + "." + b64(TestTokens.decode(parts[1]).replace(SUBJECT, "admin")) + "." + parts[2];
                assertThat(assertRejected(all, tampered)).hasMessage("The access token signature is invalid");
            }
        }

        @Test
        void edDsaTokenNamingTheEcKidIsRejected() {
            String token = mint(h -> h.put("kid", EC_KID), c -> { }, ED.getPrivate(), Jwts.SIG.EdDSA);

            assertThat(assertRejected(all, token)).hasMessage("The access token algorithm does not match its key");
        }
    }

    // ------------------------------------------------------------------ settings

    @Nested
    class SettingsValidation {

        @ParameterizedTest
        @ValueSource(strings = {"HS256", "HS384", "HS512", "none", "None", "RS1", "", "dir"})
        void symmetricNoneAndUnknownAlgorithmsAreRefused(String alg) {
            assertThatThrownBy(() -> new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW, Set.of("RS256", alg), 8192))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not allowed");
        }

        @Test
        void negativeSkewIsRefused() {
            assertThatThrownBy(() -> new AccessTokenValidator.Settings(ISSUER, AUDIENCE, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        void nonPositiveMaxTokenLengthIsRefused(int max) {
            assertThatThrownBy(() -> new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW, Set.of("RS256"), max))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nullsAreRefused() {
            assertThatThrownBy(() -> new AccessTokenValidator.Settings(null, AUDIENCE, SKEW)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new AccessTokenValidator.Settings(ISSUER, null, SKEW)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new AccessTokenValidator.Settings(ISSUER, AUDIENCE, null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void defaultsAreTheAsymmetricDefaultListAnd8KiB() {
            AccessTokenValidator.Settings s = new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW);

            assertThat(s.allowedAlgorithms()).containsExactlyInAnyOrderElementsOf(AccessTokenFormat.DEFAULT_ALGORITHMS);
            assertThat(s.allowedAlgorithms()).doesNotContain("HS256", "none");
            assertThat(s.maxTokenLength()).isEqualTo(8 * 1024);
        }

        @Test
        void allowListIsDefensivelyCopied() {
            Set<String> algs = new java.util.HashSet<>(Set.of("RS256"));
            AccessTokenValidator.Settings s = new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW, algs, 8192);
            algs.add("HS256");

            assertThat(s.allowedAlgorithms()).containsExactly("RS256");
            assertThatThrownBy(() -> s.allowedAlgorithms().add("HS256")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void supportedAlgorithmsAreAllAsymmetric() {
            assertThat(AccessTokenFormat.SUPPORTED_ALGORITHMS).noneMatch(a -> a.startsWith("HS") || a.equalsIgnoreCase("none"));
            assertThat(AccessTokenFormat.SUPPORTED_ALGORITHMS).containsAll(AccessTokenFormat.DEFAULT_ALGORITHMS);
        }
    }

    // ------------------------------------------------------------------ misc

    AccessTokenValidator validatorWith(VerificationKeySource keys) {
        return new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW), keys, clock);
    }

    static void assertRejected(AccessTokenValidator validator, String token, String message) {
        assertThat(assertRejected(validator, token)).hasMessage(message);
    }

    static Map<String, Object> publicJwkAsMap(KeyPair pair) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(Jwks.json(Jwks.builder().key((java.security.interfaces.RSAPublicKey) pair.getPublic()).build()), Map.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
