package org.jwtauth.token;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Hand-assembles compact JWS strings so that tests can produce headers, payloads and signatures
 * that a well-behaved JWT library would refuse to build.
 */
final class TestTokens {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DEC = Base64.getUrlDecoder();

    private TestTokens() {
    }

    /** Computes the signature bytes for a JWS signing input. */
    @FunctionalInterface
    interface Signer {
        byte[] sign(byte[] signingInput) throws GeneralSecurityException;
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    static String decode(String b64url) {
        return new String(B64URL_DEC.decode(b64url), StandardCharsets.UTF_8);
    }

    /** {@code base64url(header).base64url(payload).base64url(sig(...))}. */
    static String assemble(String headerJson, String payloadJson, Signer signer) {
        return assembleEncoded(b64(headerJson), b64(payloadJson), signer);
    }

    /** Like {@link #assemble} but with already-encoded (possibly deliberately broken) segments. */
    static String assembleEncoded(String encodedHeader, String encodedPayload, Signer signer) {
        String signingInput = encodedHeader + "." + encodedPayload;
        try {
            return signingInput + "." + b64(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Signer rs256(PrivateKey key) {
        return jca("SHA256withRSA", key);
    }

    static Signer es256(PrivateKey key) {
        // JWS wants the raw R||S (IEEE P1363) form, not DER.
        return jca("SHA256withECDSAinP1363Format", key);
    }

    static Signer ed25519(PrivateKey key) {
        return jca("Ed25519", key);
    }

    static Signer hs256(byte[] secret) {
        return input -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        };
    }

    static Signer noSignature() {
        return input -> new byte[0];
    }

    private static Signer jca(String algorithm, PrivateKey key) {
        return input -> {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        };
    }

    /** Raw DEFLATE (RFC 1951), as used by the JWE/JWS "zip":"DEF" header. */
    static byte[] deflate(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            deflater.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Minimal JSON string escaping for test values. */
    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
