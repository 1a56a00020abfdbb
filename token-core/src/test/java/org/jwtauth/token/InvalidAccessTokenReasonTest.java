package org.jwtauth.token;

import io.jsonwebtoken.Jwts;
import org.jwtauth.token.InvalidAccessTokenException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.BadJwtException;

import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jwtauth.token.AccessTokenValidatorTest.AUDIENCE;
import static org.jwtauth.token.AccessTokenValidatorTest.ISSUER;
import static org.jwtauth.token.AccessTokenValidatorTest.KID;
import static org.jwtauth.token.AccessTokenValidatorTest.LIFETIME;
import static org.jwtauth.token.AccessTokenValidatorTest.NOW;
import static org.jwtauth.token.AccessTokenValidatorTest.OTHER_RSA;
import static org.jwtauth.token.AccessTokenValidatorTest.RSA;
import static org.jwtauth.token.AccessTokenValidatorTest.SKEW;
import static org.jwtauth.token.AccessTokenValidatorTest.handMade;
import static org.jwtauth.token.AccessTokenValidatorTest.json;
import static org.jwtauth.token.AccessTokenValidatorTest.mint;
import static org.jwtauth.token.AccessTokenValidatorTest.rawClaims;
import static org.jwtauth.token.TestTokens.assemble;
import static org.jwtauth.token.TestTokens.b64;
import static org.jwtauth.token.TestTokens.q;

/** Every rejection names a machine-readable reason (the metric tag), and the right one. */
class InvalidAccessTokenReasonTest {

    private final AccessTokenValidator validator = new AccessTokenValidator(
            new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW),
            StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))), new MutableClock(NOW));

    static Stream<Arguments> rejectedTokens() {
        String noneHeader = "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
        String hsHeader = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":" + q(KID) + "}";
        return Stream.of(
                Arguments.of("missing", "", Reason.MISSING),
                Arguments.of("too large", "a".repeat(AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH + 1), Reason.TOO_LARGE),
                Arguments.of("not base64url", "a+b.c.d", Reason.MALFORMED),
                Arguments.of("alg none", b64(noneHeader) + "." + b64(json(rawClaims())) + ".", Reason.UNSIGNED),
                Arguments.of("HS256 with the public key", assemble(hsHeader, json(rawClaims()),
                        TestTokens.hs256(RSA.getPublic().getEncoded())), Reason.DISALLOWED_ALGORITHM),
                Arguments.of("typ JWT", mint(h -> h.put("typ", "JWT"), c -> { }), Reason.WRONG_TYPE),
                Arguments.of("unknown kid", mint(h -> h.put("kid", "nobody-knows-me"), c -> { }), Reason.UNKNOWN_KID),
                Arguments.of("signed by another key", mint(h -> { }, c -> { }, OTHER_RSA.getPrivate(), Jwts.SIG.RS256),
                        Reason.BAD_SIGNATURE),
                Arguments.of("expired", mint(c -> c.put("exp", Date.from(NOW.minus(SKEW).minusSeconds(1)))), Reason.EXPIRED),
                Arguments.of("not yet valid", mint(c -> c.put("nbf", Date.from(NOW.plus(SKEW).plusSeconds(5)))),
                        Reason.NOT_YET_VALID),
                Arguments.of("issued in the future", mint(c -> c.put("iat", Date.from(NOW.plus(SKEW).plusSeconds(5)))),
                        Reason.NOT_YET_VALID),
                Arguments.of("foreign issuer", mint(c -> c.put("iss", "https://evil.test")), Reason.ISSUER),
                Arguments.of("no issuer", mint(c -> c.remove("iss")), Reason.ISSUER),
                Arguments.of("foreign audience", mint(c -> c.put("aud", "another-service")), Reason.AUDIENCE),
                Arguments.of("no subject", mint(c -> c.remove("sub")), Reason.INVALID_CLAIMS),
                Arguments.of("no exp", handMade(h -> { }, c -> c.remove("exp")), Reason.INVALID_CLAIMS),
                Arguments.of("exp before iat", mint(c -> c.put("exp", Date.from(NOW.plus(LIFETIME).minus(LIFETIME)))),
                        Reason.INVALID_CLAIMS));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("rejectedTokens")
    void eachRejectionNamesItsReason(String name, String token, Reason expected) {
        Throwable thrown = catchThrowable(() -> validator.validate(token));

        assertThat(thrown).as(name).isInstanceOf(InvalidAccessTokenException.class);
        assertThat(((InvalidAccessTokenException) thrown).reason()).as("%s: %s", name, thrown.getMessage()).isEqualTo(expected);
    }

    @Test
    void theReasonSurvivesSpringsWrapping() {
        Throwable thrown = catchThrowable(() -> new AccessTokenJwtDecoder(validator).decode(
                mint(c -> c.put("aud", "another-service"))));

        assertThat(thrown).isInstanceOf(BadJwtException.class);
        assertThat(InvalidAccessTokenException.reasonOf(thrown)).isEqualTo(Reason.AUDIENCE);
    }

    @Test
    void failuresWithoutAReasonAreOther() {
        assertThat(new InvalidAccessTokenException("legacy").reason()).isEqualTo(Reason.OTHER);
        assertThat(InvalidAccessTokenException.reasonOf(new IllegalStateException("boom"))).isEqualTo(Reason.OTHER);
        assertThat(InvalidAccessTokenException.reasonOf(null)).isEqualTo(Reason.OTHER);
    }

    @Test
    void tagsAreLowerCaseNames() {
        assertThat(Reason.BAD_SIGNATURE.tag()).isEqualTo("bad_signature");
        assertThat(Reason.UNKNOWN_KID.tag()).isEqualTo("unknown_kid");
    }
}
