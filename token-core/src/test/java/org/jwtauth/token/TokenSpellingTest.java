package org.jwtauth.token;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.token.AccessTokenValidatorTest.AUDIENCE;
import static org.jwtauth.token.AccessTokenValidatorTest.ISSUER;
import static org.jwtauth.token.AccessTokenValidatorTest.KID;
import static org.jwtauth.token.AccessTokenValidatorTest.NOW;
import static org.jwtauth.token.AccessTokenValidatorTest.RSA;
import static org.jwtauth.token.AccessTokenValidatorTest.SKEW;

/**
 * A token has exactly one spelling that verifies. On its own, jjwt's base64url decoder also accepted
 * the issued token with '=' padding on the signature, with non-zero spare bits in the signature's last
 * character, and with characters outside the alphabet (NUL, '*', '~', Latin-1) inside or after the
 * signature: the signed input is unchanged, so the signature still matched
 * ({@link AccessTokenJwtDecoderPropertyTest} found this). Several strings for one token defeat
 * anything keyed by the token string (caches, deny lists, replay checks, logs).
 */
class TokenSpellingTest {

    static final String MALFORMED = "The access token is malformed";

    AccessTokenValidator validator;
    String token;
    String[] parts;

    @BeforeEach
    void setUp() {
        validator = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW),
                StaticVerificationKeys.of(List.of(new VerificationKey(KID, "RS256", RSA.getPublic()))), new MutableClock(NOW));
        token = AccessTokenValidatorTest.mintWithBuilder();
        parts = token.split("\\.");
    }

    @Test
    void theIssuedSpellingVerifies() {
        assertThat(validator.validate(token).tokenValue()).isEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u00a0", "\u00ff", "\u0080", "!", "*", "~", "%", " ", "\n", "\r\n", "\t", "\u2028", "\uFEFF"})
    void nothingMayFollowTheSignature(String suffix) {
        AccessTokenValidatorTest.assertRejected(validator, token + suffix, MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u00a0", "!", "*", "~", "%", "+", "/"})
    void nothingMayBeInsertedIntoTheSignature(String c) {
        int middle = parts[2].length() / 2;
        String signature = parts[2].substring(0, middle) + c + parts[2].substring(middle);

        AccessTokenValidatorTest.assertRejected(validator, parts[0] + "." + parts[1] + "." + signature, MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "\t", "\u0000"})
    void nothingMayPrecedeTheHeader(String prefix) {
        AccessTokenValidatorTest.assertRejected(validator, prefix + token, MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "==", "==="})
    void theSignatureIsNotPadded(String padding) {
        AccessTokenValidatorTest.assertRejected(validator, token + padding, MALFORMED);
    }

    @Test
    void theSpareBitsOfTheSignaturesLastCharacterAreZero() {
        // An RS256 signature is 256 bytes, 342 characters: the last one carries 2 bits and 4 spare ones.
        String signature = parts[2];
        assertThat(signature.length() % 4).isEqualTo(2);
        int last = TokenMutations.BASE64URL_ALPHABET.indexOf(signature.charAt(signature.length() - 1));
        assertThat(last & 0x0F).as("the issuer writes canonical base64url").isZero();
        for (int spare = 1; spare < 16; spare++) {
            String changed = signature.substring(0, signature.length() - 1) + TokenMutations.BASE64URL_ALPHABET.charAt(last | spare);

            AccessTokenValidatorTest.assertRejected(validator, parts[0] + "." + parts[1] + "." + changed, MALFORMED);
        }
    }

    @Test
    void aSegmentCannotHaveALengthThatBase64CannotProduce() {
        // 4n+1 characters never come out of base64url: the last one would carry only spare bits.
        for (int i = 0; i < 3; i++) {
            String[] changed = parts.clone();
            while (changed[i].length() % 4 != 1) {
                changed[i] += "A";
            }
            AccessTokenValidatorTest.assertRejected(validator, String.join(".", changed), MALFORMED);
        }
    }

    @Test
    void canonicalBase64UrlIsRecognised() {
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization(token)).isTrue();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("")).isTrue();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("..")).isTrue();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("AA.AAA.AAAA")).isTrue();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("AB.AAA.AAAA")).as("spare bits in 2 chars").isFalse();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("AA.AAB.AAAA")).as("spare bits in 3 chars").isFalse();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("AA.AAA.AAAAA")).as("4n+1 chars").isFalse();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("AA==.AAA.AAAA")).as("padding").isFalse();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("A+/A")).as("standard alphabet").isFalse();
        assertThat(AccessTokenValidator.isCanonicalCompactSerialization("-_-_")).isTrue();
    }
}
