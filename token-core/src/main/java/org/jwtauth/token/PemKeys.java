package org.jwtauth.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** PEM encoding of keys: PKCS#8 for private keys, X.509 SubjectPublicKeyInfo for public keys. */
public final class PemKeys {

    private static final List<String> KEY_FACTORIES = List.of("RSA", "EC", "EdDSA");
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemKeys() {
    }

    public static String encode(PrivateKey key) {
        return pem("PRIVATE KEY", key);
    }

    public static String encode(PublicKey key) {
        return pem("PUBLIC KEY", key);
    }

    public static PrivateKey decodePrivate(String pem) {
        return decode(pem, "PRIVATE KEY", PKCS8EncodedKeySpec::new, (f, spec) -> f.generatePrivate(spec));
    }

    public static PublicKey decodePublic(String pem) {
        return decode(pem, "PUBLIC KEY", X509EncodedKeySpec::new, (f, spec) -> f.generatePublic(spec));
    }

    private static String pem(String label, Key key) {
        return "-----BEGIN " + label + "-----\n" + MIME.encodeToString(key.getEncoded()) + "\n-----END " + label + "-----\n";
    }

    private interface Generator<K> {
        K generate(KeyFactory factory, KeySpec spec) throws GeneralSecurityException;
    }

    private static <K> K decode(String pem, String label, Function<byte[], KeySpec> specOf, Generator<K> generator) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a PEM " + label + " (expected " + begin + ")");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM " + label + " is not valid base64", e);
        }
        KeySpec spec = specOf.apply(der);
        for (String algorithm : KEY_FACTORIES) {
            try {
                return generator.generate(KeyFactory.getInstance(algorithm), spec);
            } catch (GeneralSecurityException e) {
                // not this key type; try the next
            }
        }
        throw new IllegalArgumentException("PEM " + label + " is not an RSA, EC or EdDSA key");
    }
}
