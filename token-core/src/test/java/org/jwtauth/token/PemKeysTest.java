package org.jwtauth.token;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemKeysTest {

    static final KeyPair RSA = Jwts.SIG.RS256.keyPair().build();
    static final KeyPair EC = Jwts.SIG.ES256.keyPair().build();
    static final KeyPair EC384 = Jwts.SIG.ES384.keyPair().build();
    static final KeyPair ED = Jwks.CRV.Ed25519.keyPair().build();

    static Stream<Arguments> keyPairs() {
        return Stream.of(
                Arguments.of("RSA", RSA, "SHA256withRSA"),
                Arguments.of("EC P-256", EC, "SHA256withECDSA"),
                Arguments.of("EC P-384", EC384, "SHA384withECDSA"),
                Arguments.of("Ed25519", ED, "Ed25519"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyPairs")
    void privateKeyRoundTrips(String name, KeyPair pair, String signatureAlgorithm) {
        String pem = PemKeys.encode(pair.getPrivate());

        PrivateKey decoded = PemKeys.decodePrivate(pem);

        assertThat(decoded.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(decoded.getFormat()).isEqualTo("PKCS#8");
        assertThat(PemKeys.encode(decoded)).isEqualTo(pem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyPairs")
    void publicKeyRoundTrips(String name, KeyPair pair, String signatureAlgorithm) {
        String pem = PemKeys.encode(pair.getPublic());

        PublicKey decoded = PemKeys.decodePublic(pem);

        assertThat(decoded.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(decoded.getFormat()).isEqualTo("X.509");
        assertThat(decoded).isEqualTo(pair.getPublic());
        assertThat(PemKeys.encode(decoded)).isEqualTo(pem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyPairs")
    void decodedKeysStillSignAndVerify(String name, KeyPair pair, String signatureAlgorithm) throws Exception {
        PrivateKey priv = PemKeys.decodePrivate(PemKeys.encode(pair.getPrivate()));
        PublicKey pub = PemKeys.decodePublic(PemKeys.encode(pair.getPublic()));
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(priv);
        signer.update(data);
        byte[] sig = signer.sign();

        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(pub);
        verifier.update(data);
        assertThat(verifier.verify(sig)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyPairs")
    void decodedKeysMintTokensThatValidate(String name, KeyPair pair, String signatureAlgorithm) {
        // End to end: PEM files are how the services are configured.
        PrivateKey priv = PemKeys.decodePrivate(PemKeys.encode(pair.getPrivate()));
        PublicKey pub = PemKeys.decodePublic(PemKeys.encode(pair.getPublic()));
        String token = Jwts.builder().header().type("at+jwt").and()
                .issuer("https://issuer.test").subject("s").audience().add("aud").and()
                .issuedAt(new java.util.Date()).expiration(java.util.Date.from(java.time.Instant.now().plusSeconds(60)))
                .signWith(priv).compact();
        String realAlg = TestTokens.decode(token.split("\\.")[0]).replaceAll(".*\"alg\":\"([^\"]+)\".*", "$1");
        AccessTokenValidator validator = new AccessTokenValidator(
                new AccessTokenValidator.Settings("https://issuer.test", "aud", java.time.Duration.ZERO,
                        java.util.Set.of(realAlg), AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH),
                StaticVerificationKeys.singleKey(new VerificationKey(null, realAlg, pub)), java.time.Clock.systemUTC());

        assertThat(validator.validate(token).subject()).isEqualTo("s");
    }

    @Test
    void pemHasStandardArmourAnd64CharacterLines() {
        String pem = PemKeys.encode(RSA.getPublic());

        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64 && l.matches("[A-Za-z0-9+/=]+"));
        assertThat(PemKeys.encode(RSA.getPrivate())).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    }

    @Test
    void toleratesCrlfSurroundingTextAndIndentation() {
        String pem = PemKeys.encode(EC.getPublic());
        String messy = "# verification key\r\n" + pem.replace("\n", "\r\n").replace("\r\nM", "\r\n  M") + "\r\ntrailing text";

        assertThat(PemKeys.decodePublic(messy)).isEqualTo(EC.getPublic());
    }

    @Test
    void toleratesSingleLineBase64() {
        String body = Base64.getEncoder().encodeToString(ED.getPublic().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----" + body + "-----END PUBLIC KEY-----";

        assertThat(PemKeys.decodePublic(pem)).isEqualTo(ED.getPublic());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "-----BEGIN PUBLIC KEY-----",
            "-----END PUBLIC KEY-----",
            "-----END PUBLIC KEY-----\nMIIB\n-----BEGIN PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nQQ=Q\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PUBLIC KEY-----",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
            "-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----"})
    void garbagePublicPemIsIllegalArgument(String pem) {
        assertThatThrownBy(() -> PemKeys.decodePublic(pem)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nnot base64 at all ~~~\n-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nQQ=Q\n-----END PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n-----END EC PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w\n-----END ENCRYPTED PRIVATE KEY-----"})
    void garbagePrivatePemIsIllegalArgument(String pem) {
        assertThatThrownBy(() -> PemKeys.decodePrivate(pem)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomDerInsideValidArmourIsIllegalArgument() {
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            byte[] der = new byte[random.nextInt(400)];
            random.nextBytes(der);
            String body = Base64.getMimeEncoder().encodeToString(der);
            assertThatThrownBy(() -> PemKeys.decodePublic("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PemKeys.decodePrivate("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void publicPemIsNotAcceptedAsPrivateAndViceVersa() {
        String publicPem = PemKeys.encode(RSA.getPublic());
        String privatePem = PemKeys.encode(RSA.getPrivate());

        assertThatThrownBy(() -> PemKeys.decodePrivate(publicPem)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PemKeys.decodePublic(privatePem)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void privateKeyBodyUnderPublicLabelIsIllegalArgument() {
        String privatePem = PemKeys.encode(EC.getPrivate());
        String relabelled = privatePem.replace("PRIVATE KEY", "PUBLIC KEY");

        assertThatThrownBy(() -> PemKeys.decodePublic(relabelled)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorMessagesDoNotEchoKeyMaterial() {
        String privatePem = PemKeys.encode(RSA.getPrivate());
        String body = privatePem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        String broken = privatePem.replace(body, body.substring(0, 10) + "@@@@" + body.substring(14)).replace("PRIVATE KEY-----\n", "PRIVATE KEY-----\nQQ=Q");

        assertThatThrownBy(() -> PemKeys.decodePrivate(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 20)));
    }
}
