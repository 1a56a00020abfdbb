package org.jwtauth.token;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jwtauth.token.AccessTokenValidatorTest.AUDIENCE;
import static org.jwtauth.token.AccessTokenValidatorTest.ISSUER;
import static org.jwtauth.token.AccessTokenValidatorTest.KID;
import static org.jwtauth.token.AccessTokenValidatorTest.NOW;
import static org.jwtauth.token.AccessTokenValidatorTest.RSA;
import static org.jwtauth.token.AccessTokenValidatorTest.SKEW;
import static org.jwtauth.token.AccessTokenValidatorTest.SUBJECT;

/**
 * Property-based fuzzing (jqwik) of {@link AccessTokenJwtDecoder}: whatever is done to a valid token,
 * the decoder answers with exactly {@link BadJwtException} (a 401, never a 500), and only the
 * untouched token verifies. A second property re-signs the edited token with the real key, so that
 * the checks behind the signature are fuzzed too.
 */
class AccessTokenJwtDecoderPropertyTest {

    /** One valid token, minted the way the auth server does it; every mutant starts from it. */
    static final String ORIGINAL = AccessTokenValidatorTest.mintWithBuilder();

    static final TokenMutations.ClaimDefaults DEFAULTS =
            new TokenMutations.ClaimDefaults(ISSUER, AUDIENCE, NOW.getEpochSecond(), SUBJECT);

    // The clock never moves here, so one decoder serves every try.
    private final AccessTokenJwtDecoder decoder = new AccessTokenJwtDecoder(new AccessTokenValidator(
            new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW),
            StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))),
            new MutableClock(NOW)));

    @Property(tries = 3000)
    void aMutatedTokenIsBadJwtAndOnlyTheOriginalVerifies(@ForAll("mutants") TokenMutations.Mutant mutant) {
        Throwable thrown = catchThrowable(() -> decoder.decode(mutant.token()));

        if (thrown == null) {
            assertThat(mutant.token()).as("a token that verifies must be byte-identical to the original").isEqualTo(ORIGINAL);
        } else {
            assertThat(thrown).as("decoding %s", mutant).isExactlyInstanceOf(BadJwtException.class);
            AccessTokenValidatorTest.assertSafeMessage(thrown.getMessage(), mutant.token());
        }
        Statistics.label("mutation").collect(mutant.kind());
        Statistics.label("outcome").collect(thrown == null ? "verified (identical)" : "BadJwtException");
    }

    @Provide
    Arbitrary<TokenMutations.Mutant> mutants() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, TokenMutations.characterEdits(ORIGINAL, TokenMutations.anyInsertable())),
                Tuple.of(2, TokenMutations.segmentEdits(ORIGINAL)),
                Tuple.of(4, TokenMutations.jsonEdits(ORIGINAL, DEFAULTS, null)));
    }

    /**
     * Re-signed with the issuer's key, so a token may legitimately verify; then it must still satisfy
     * every rule (alg, typ, iss, aud, exp, sub, time window). Nothing but BadJwtException may escape.
     */
    @Property(tries = 2000)
    void aReSignedTokenIsBadJwtOrFullyValid(@ForAll("reSigned") TokenMutations.Mutant mutant) {
        Throwable thrown = catchThrowable(() -> decoder.decode(mutant.token()));

        if (thrown == null) {
            Jwt jwt = decoder.decode(mutant.token());
            assertThat(jwt.getTokenValue()).isEqualTo(mutant.token());
            assertThat(jwt.getHeaders()).as("%s", mutant).containsEntry("alg", "RS256").containsEntry("kid", KID);
            assertThat(AccessTokenFormat.isAccessTokenType((String) jwt.getHeaders().get("typ"))).as("%s", mutant).isTrue();
            assertThat(jwt.getHeaders()).doesNotContainKeys("zip", "crit", "b64");
            assertThat(jwt.getClaimAsString("iss")).as("%s", mutant).isEqualTo(ISSUER);
            assertThat(jwt.getAudience()).as("%s", mutant).contains(AUDIENCE);
            assertThat(jwt.getSubject()).as("%s", mutant).isNotBlank();
            Instant exp = jwt.getExpiresAt();
            assertThat(exp).as("%s", mutant).isNotNull().isAfterOrEqualTo(NOW.minus(SKEW));
            if (jwt.getNotBefore() != null) {
                assertThat(jwt.getNotBefore()).as("%s", mutant).isBeforeOrEqualTo(NOW.plus(SKEW));
            }
            if (jwt.getIssuedAt() != null) {
                assertThat(jwt.getIssuedAt()).as("%s", mutant).isBeforeOrEqualTo(NOW.plus(SKEW)).isBefore(exp);
            }
            Object roles = jwt.getClaims().get(AccessTokenFormat.CLAIM_ROLES);
            assertThat(roles == null || roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance))
                    .as("roles of %s", mutant).isTrue();
            Object username = jwt.getClaims().get(AccessTokenFormat.CLAIM_USERNAME);
            assertThat(username == null || username instanceof String).as("preferred_username of %s", mutant).isTrue();
        } else {
            assertThat(thrown).as("decoding %s", mutant).isExactlyInstanceOf(BadJwtException.class);
            AccessTokenValidatorTest.assertSafeMessage(thrown.getMessage(), mutant.token());
        }
        Statistics.label("mutation").collect(mutant.kind());
        Statistics.label("outcome").collect(thrown == null ? "verified" : "BadJwtException");
    }

    @Provide
    Arbitrary<TokenMutations.Mutant> reSigned() {
        TestTokens.Signer rs256 = TestTokens.rs256(RSA.getPrivate());
        return TokenMutations.jsonEdits(ORIGINAL, DEFAULTS, (header, payload) -> TestTokens.assembleEncoded(header, payload, rs256));
    }
}
