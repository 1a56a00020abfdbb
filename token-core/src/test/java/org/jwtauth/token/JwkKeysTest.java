package org.jwtauth.token;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JwkKeysTest {

    static final KeyPair RSA = Jwts.SIG.RS256.keyPair().build();
    static final KeyPair RSA2 = Jwts.SIG.RS256.keyPair().build();
    static final KeyPair EC = Jwts.SIG.ES256.keyPair().build();
    static final KeyPair ED = io.jsonwebtoken.security.Jwks.CRV.Ed25519.keyPair().build();

    static final ObjectMapper JSON = new ObjectMapper();
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    static VerificationKey vk(KeyPair pair, String alg) {
        return new VerificationKey(JwkKeys.thumbprintKid(pair.getPublic()), alg, pair.getPublic());
    }

    // ------------------------------------------------------------------ thumbprints

    @Test
    void thumbprintKidIsStableAcrossCalls() {
        String first = JwkKeys.thumbprintKid(RSA.getPublic());

        for (int i = 0; i < 5; i++) {
            assertThat(JwkKeys.thumbprintKid(RSA.getPublic())).isEqualTo(first);
        }
        assertThat(first).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void thumbprintKidIsEqualForTheSameKeyDecodedAgain() {
        for (KeyPair pair : List.of(RSA, EC, ED)) {
            PublicKey copy = PemKeys.decodePublic(PemKeys.encode(pair.getPublic()));

            assertThat(copy).isNotSameAs(pair.getPublic());
            assertThat(JwkKeys.thumbprintKid(copy)).isEqualTo(JwkKeys.thumbprintKid(pair.getPublic()));
        }
    }

    @Test
    void thumbprintKidDiffersBetweenKeys() {
        assertThat(List.of(RSA, RSA2, EC, ED).stream().map(p -> JwkKeys.thumbprintKid(p.getPublic())).distinct()).hasSize(4);
    }

    @Test
    void rsaThumbprintMatchesTheRfc7638Computation() throws Exception {
        RSAPublicKey key = (RSAPublicKey) RSA.getPublic();
        String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + unsigned(key.getModulus()) + "\"}";

        assertThat(JwkKeys.thumbprintKid(key)).isEqualTo(sha256(canonical));
    }

    @Test
    void ecThumbprintMatchesTheRfc7638Computation() throws Exception {
        ECPublicKey key = (ECPublicKey) EC.getPublic();
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + fixed(key.getW().getAffineX(), 32)
                + "\",\"y\":\"" + fixed(key.getW().getAffineY(), 32) + "\"}";

        assertThat(JwkKeys.thumbprintKid(key)).isEqualTo(sha256(canonical));
    }

    @Test
    void ed25519ThumbprintMatchesTheRfc7638Computation() throws Exception {
        byte[] spki = ED.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + B64URL.encodeToString(raw) + "\"}";

        assertThat(JwkKeys.thumbprintKid(ED.getPublic())).isEqualTo(sha256(canonical));
    }

    @Test
    void rfc7638ExampleRsaKeyHasThePublishedThumbprint() {
        String jwk = "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"}";
        PublicKey key = ((PublicJwk<?>) Jwks.parser().build().parse(jwk)).toKey();

        assertThat(JwkKeys.thumbprintKid(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void rfc8037ExampleEd25519KeyHasThePublishedThumbprint() {
        String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
        PublicKey key = ((PublicJwk<?>) Jwks.parser().build().parse(jwk)).toKey();

        assertThat(JwkKeys.thumbprintKid(key)).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    // ------------------------------------------------------------------ JWK Set out

    @Test
    void jwkSetJsonContainsOnlyPublicParameters() throws Exception {
        String json = JwkKeys.toJwkSetJson(List.of(vk(RSA, "RS256"), vk(EC, "ES256"), vk(ED, "EdDSA")));

        for (String privateParam : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"oth\"", "\"k\"")) {
            assertThat(json).doesNotContain(privateParam);
        }
        Map<String, List<Map<String, Object>>> doc = JSON.readValue(json, new TypeReference<>() { });
        assertThat(doc).containsOnlyKeys("keys");
        List<Map<String, Object>> keys = doc.get("keys");
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0)).containsOnlyKeys("kty", "n", "e", "kid", "alg", "use")
                .containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
                .containsEntry("kid", JwkKeys.thumbprintKid(RSA.getPublic()));
        assertThat(keys.get(1)).containsOnlyKeys("kty", "crv", "x", "y", "kid", "alg", "use")
                .containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("alg", "ES256");
        assertThat(keys.get(2)).containsOnlyKeys("kty", "crv", "x", "kid", "alg", "use")
                .containsEntry("kty", "OKP").containsEntry("crv", "Ed25519").containsEntry("alg", "EdDSA");
    }

    @Test
    void emptyJwkSet() throws Exception {
        String json = JwkKeys.toJwkSetJson(List.of());

        assertThat(JSON.readTree(json).get("keys").isArray()).isTrue();
        assertThat(JSON.readTree(json).get("keys")).isEmpty();
    }

    @Test
    void jwkSetRoundTripsWithKidAndAlgPreserved() {
        List<VerificationKey> original = List.of(vk(RSA, "RS256"), vk(EC, "ES256"), vk(ED, "EdDSA"),
                new VerificationKey("custom-kid-1", "RS256", RSA2.getPublic()));

        List<VerificationKey> parsed = JwkKeys.parseJwkSet(JwkKeys.toJwkSetJson(original));

        assertThat(parsed).hasSize(original.size());
        for (int i = 0; i < original.size(); i++) {
            assertThat(parsed.get(i).kid()).isEqualTo(original.get(i).kid());
            assertThat(parsed.get(i).algorithm()).isEqualTo(original.get(i).algorithm());
            assertThat(parsed.get(i).publicKey().getEncoded()).isEqualTo(original.get(i).publicKey().getEncoded());
        }
    }

    @Test
    void roundTrippedKeysVerifyTokens() {
        List<VerificationKey> parsed = JwkKeys.parseJwkSet(JwkKeys.toJwkSetJson(List.of(vk(RSA, "RS256"), vk(EC, "ES256"))));
        AccessTokenValidator validator = new AccessTokenValidator(
                new AccessTokenValidator.Settings("https://issuer.test", "aud", java.time.Duration.ofSeconds(30)),
                StaticVerificationKeys.of(parsed), java.time.Clock.systemUTC());
        String token = Jwts.builder().header().keyId(JwkKeys.thumbprintKid(EC.getPublic())).type("at+jwt").and()
                .issuer("https://issuer.test").subject("s").audience().add("aud").and()
                .issuedAt(new java.util.Date()).expiration(java.util.Date.from(java.time.Instant.now().plusSeconds(60)))
                .signWith(EC.getPrivate(), Jwts.SIG.ES256).compact();

        assertThat(validator.validate(token).subject()).isEqualTo("s");
    }

    @Test
    void toJwkCarriesKidAlgAndSigUse() {
        PublicJwk<?> jwk = JwkKeys.toJwk(vk(EC, "ES256"));

        assertThat(jwk.getId()).isEqualTo(JwkKeys.thumbprintKid(EC.getPublic()));
        assertThat(jwk.getAlgorithm()).isEqualTo("ES256");
        assertThat(jwk.getPublicKeyUse()).isEqualTo("sig");
        assertThat(jwk.toKey()).isEqualTo(EC.getPublic());
    }

    // ------------------------------------------------------------------ JWK Set in

    static Map<String, Object> publicJwk(KeyPair pair, String kid, String alg) throws Exception {
        Map<String, Object> map = JSON.readValue(Jwks.json(Jwks.builder().key(pair.getPublic()).build()), new TypeReference<LinkedHashMap<String, Object>>() { });
        if (kid != null) {
            map.put("kid", kid);
        }
        if (alg != null) {
            map.put("alg", alg);
        }
        return map;
    }

    static String jwkSet(List<Map<String, Object>> keys) throws Exception {
        return JSON.writeValueAsString(Map.of("keys", keys));
    }

    @Test
    void parseJwkSetKeepsOnlyPublicSigningKeysWithKidAndSupportedAlg() throws Exception {
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(publicJwk(RSA, "rsa-ok", "RS256"));                    // kept
        Map<String, Object> sigUse = publicJwk(EC, "ec-ok", "ES256");
        sigUse.put("use", "sig");
        keys.add(sigUse);                                               // kept
        keys.add(publicJwk(ED, "ed-ok", "EdDSA"));                      // kept
        Map<String, Object> oct = new LinkedHashMap<>();
        oct.put("kty", "oct");
        oct.put("kid", "hmac");
        oct.put("alg", "HS256");
        oct.put("k", B64URL.encodeToString(new byte[32]));
        keys.add(oct);                                                  // symmetric: ignored
        keys.add(publicJwk(RSA2, "no-alg", null));                      // no alg: ignored
        Map<String, Object> enc = publicJwk(RSA2, "enc-key", "RS256");
        enc.put("use", "enc");
        keys.add(enc);                                                  // encryption use: ignored
        keys.add(publicJwk(RSA2, null, "RS256"));                       // no kid: ignored
        keys.add(publicJwk(RSA2, "hs-labelled", "HS256"));              // unsupported alg: ignored
        keys.add(publicJwk(RSA2, "oaep", "RSA-OAEP-256"));              // encryption alg: ignored
        keys.add(publicJwk(RSA2, "none", "none"));                      // none: ignored

        List<VerificationKey> parsed = JwkKeys.parseJwkSet(jwkSet(keys));

        assertThat(parsed).extracting(VerificationKey::kid).containsExactly("rsa-ok", "ec-ok", "ed-ok");
        assertThat(parsed).extracting(VerificationKey::algorithm).containsExactly("RS256", "ES256", "EdDSA");
        assertThat(parsed.get(0).publicKey()).isEqualTo(RSA.getPublic());
    }

    @Test
    void parseJwkSetIgnoresSymmetricKeysEvenWithoutAlg() throws Exception {
        Map<String, Object> oct = new LinkedHashMap<>();
        oct.put("kty", "oct");
        oct.put("kid", "k1");
        oct.put("k", B64URL.encodeToString("secret-secret-secret-secret-1234".getBytes(StandardCharsets.US_ASCII)));

        assertThat(JwkKeys.parseJwkSet(jwkSet(List.of(oct)))).isEmpty();
    }

    @Test
    void parseJwkSetIgnoresUnknownKeyTypes() throws Exception {
        Map<String, Object> weird = new LinkedHashMap<>();
        weird.put("kty", "XYZ");
        weird.put("kid", "weird");
        weird.put("alg", "RS256");

        List<VerificationKey> parsed = JwkKeys.parseJwkSet(jwkSet(List.of(weird, publicJwk(RSA, "good", "RS256"))));

        assertThat(parsed).extracting(VerificationKey::kid).containsExactly("good");
    }

    @Test
    void parseJwkSetNeverTurnsAPrivateJwkIntoAVerificationKeyWithPrivateParts() throws Exception {
        // A JWK Set that (wrongly) publishes a full private RSA JWK.
        Map<String, Object> priv = publicJwk(RSA, "private", "RS256");
        java.security.interfaces.RSAPrivateCrtKey k = (java.security.interfaces.RSAPrivateCrtKey) RSA.getPrivate();
        priv.put("d", unsigned(k.getPrivateExponent()));
        priv.put("p", unsigned(k.getPrimeP()));
        priv.put("q", unsigned(k.getPrimeQ()));
        priv.put("dp", unsigned(k.getPrimeExponentP()));
        priv.put("dq", unsigned(k.getPrimeExponentQ()));
        priv.put("qi", unsigned(k.getCrtCoefficient()));
        priv.put("kid", "private");
        priv.put("alg", "RS256");

        List<VerificationKey> parsed = JwkKeys.parseJwkSet(jwkSet(List.of(priv)));

        // Documented behaviour is "only public signing keys"; if a key is returned it must be the public half.
        for (VerificationKey key : parsed) {
            assertThat(key.publicKey()).isInstanceOf(RSAPublicKey.class).isEqualTo(RSA.getPublic());
        }
    }

    @Test
    void parseJwkSetOfEmptySetIsEmptyAndRoundTripsFromToJwkSetJson() {
        assertThat(JwkKeys.parseJwkSet("{\"keys\":[]}")).isEmpty();
        assertThat(JwkKeys.parseJwkSet(JwkKeys.toJwkSetJson(List.of()))).isEmpty();
    }

    @Test
    void parseJwkSetWithOnlyIgnoredKeysIsEmpty() throws Exception {
        Map<String, Object> weird = new LinkedHashMap<>();
        weird.put("kty", "XYZ");
        weird.put("kid", "weird");
        Map<String, Object> enc = publicJwk(RSA, "enc", "RS256");
        enc.put("use", "enc");

        assertThat(JwkKeys.parseJwkSet(jwkSet(List.of(weird, enc)))).isEmpty();
    }

    @Test
    void parseJwkSetDropsKeysWithMalformedKeyMaterial() throws Exception {
        Map<String, Object> tiny = new LinkedHashMap<>();
        tiny.put("kty", "RSA");
        tiny.put("kid", "tiny");
        tiny.put("alg", "RS256");
        tiny.put("n", "AAAA");
        tiny.put("e", "AQAB");
        Map<String, Object> offCurve = new LinkedHashMap<>();
        offCurve.put("kty", "EC");
        offCurve.put("crv", "P-256");
        offCurve.put("kid", "off-curve");
        offCurve.put("alg", "ES256");
        offCurve.put("x", "AAAA");
        offCurve.put("y", "AAAA");

        List<VerificationKey> parsed = JwkKeys.parseJwkSet(jwkSet(List.of(tiny, offCurve, publicJwk(RSA, "good", "RS256"))));

        assertThat(parsed).extracting(VerificationKey::kid).containsExactly("good");
    }

    // ------------------------------------------------------------------ helpers

    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64URL.encodeToString(bytes);
    }

    static String fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return B64URL.encodeToString(out);
    }

    static String sha256(String canonical) throws Exception {
        return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
