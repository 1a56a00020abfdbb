package org.jwtauth.token;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.MalformedKeySetException;
import io.jsonwebtoken.security.PublicJwk;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** JSON Web Keys (RFC 7517) for the access-token verification keys. */
public final class JwkKeys {

    private JwkKeys() {
    }

    /** The RFC 7638 SHA-256 thumbprint: a stable {@code kid} that anyone can recompute from the key. */
    public static String thumbprintKid(PublicKey key) {
        return Jwks.builder().key(key).build().thumbprint().toString();
    }

    public static PublicJwk<?> toJwk(VerificationKey key) {
        return Jwks.builder().key(key.publicKey()).id(key.kid()).algorithm(key.algorithm()).publicKeyUse("sig").build();
    }

    /** A JWK Set document ({@code {"keys":[...]}}) holding only public parameters. */
    public static String toJwkSetJson(Collection<VerificationKey> keys) {
        return keys.stream().map(k -> Jwks.json(toJwk(k))).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    /**
     * Parses a JWK Set, keeping only public signing keys that name an algorithm we accept; anything
     * else (encryption keys, symmetric keys, keys without alg or kid) cannot verify an access token.
     */
    public static List<VerificationKey> parseJwkSet(String json) {
        JwkSet set;
        try {
            set = Jwks.setParser().ignoreUnsupported(true).build().parse(json);
        } catch (MalformedKeySetException e) {
            // jjwt refuses an empty "keys" array, which RFC 7517 allows (and toJwkSetJson may write).
            if (json.replaceAll("\\s", "").equals("{\"keys\":[]}")) {
                return List.of();
            }
            throw e;
        }
        List<VerificationKey> keys = new ArrayList<>();
        for (Jwk<?> jwk : set.getKeys()) {
            if (jwk instanceof PublicJwk<?> pub
                    && jwk.getId() != null
                    && jwk.getAlgorithm() != null
                    && AccessTokenFormat.SUPPORTED_ALGORITHMS.contains(jwk.getAlgorithm())
                    && (pub.getPublicKeyUse() == null || "sig".equals(pub.getPublicKeyUse()))) {
                keys.add(new VerificationKey(jwk.getId(), jwk.getAlgorithm(), pub.toKey()));
            }
        }
        return keys;
    }
}
