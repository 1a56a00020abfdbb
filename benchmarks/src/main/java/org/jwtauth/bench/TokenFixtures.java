package org.jwtauth.bench;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SignatureAlgorithm;
import org.jwtauth.token.AccessTokenFormat;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Keys and tokens shared by the benchmarks. The tokens have the shape the auth server issues
 * (see AccessTokenIssuer): header {@code kid} + {@code typ: at+jwt}; claims iss, sub, aud, iat, nbf,
 * exp, jti, preferred_username, roles.
 */
final class TokenFixtures {

    static final String ISSUER = "http://localhost:9000";
    static final String AUDIENCE = "resource-service";
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Long enough that a token made in @Setup stays valid for any benchmark run. */
    static final Duration LIFETIME = Duration.ofHours(24);

    private TokenFixtures() {
    }

    /** A fresh key pair for {@code alg} (RS256: 2048-bit RSA, ES256: P-256, EdDSA: Ed25519). */
    static KeyPair keyPair(String alg) {
        return switch (alg) {
            case "RS256" -> Jwts.SIG.RS256.keyPair().build();
            case "ES256" -> Jwts.SIG.ES256.keyPair().build();
            case "EdDSA" -> Jwks.CRV.Ed25519.keyPair().build();
            default -> throw new IllegalArgumentException("unknown algorithm " + alg);
        };
    }

    static SignatureAlgorithm signatureAlgorithm(String alg) {
        return switch (alg) {
            case "RS256" -> Jwts.SIG.RS256;
            case "ES256" -> Jwts.SIG.ES256;
            case "EdDSA" -> Jwts.SIG.EdDSA;
            default -> throw new IllegalArgumentException("unknown algorithm " + alg);
        };
    }

    /** The claims and header of an access token, not yet signed. */
    static JwtBuilder accessTokenBuilder(String kid, Instant now, String jti) {
        Instant iat = now.truncatedTo(ChronoUnit.SECONDS);
        return Jwts.builder()
                .header().keyId(kid).type(AccessTokenFormat.TYPE).and()
                .issuer(ISSUER)
                .subject("6f1c2d0e-8a4b-4c3e-9d2f-1a2b3c4d5e6f")
                .audience().add(AUDIENCE).and()
                .issuedAt(Date.from(iat))
                .notBefore(Date.from(iat))
                .expiration(Date.from(iat.plus(LIFETIME)))
                .id(jti)
                .claim(AccessTokenFormat.CLAIM_USERNAME, "alice")
                .claim(AccessTokenFormat.CLAIM_ROLES, List.of("USER"));
    }

    static String sign(String alg, String kid, PrivateKey key) {
        return accessTokenBuilder(kid, Instant.now(), UUID.randomUUID().toString())
                .signWith(key, signatureAlgorithm(alg))
                .compact();
    }
}
