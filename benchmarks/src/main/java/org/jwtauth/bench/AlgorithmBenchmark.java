package org.jwtauth.bench;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import org.jwtauth.token.JwkKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Signing and verifying an access token with jjwt, per signature algorithm the auth server supports
 * ({@code auth.signing-algorithm}): RS256 (RSA 2048), ES256 (P-256) and EdDSA (Ed25519). Same header
 * and claims for all; {@code sign} includes building the claims and serialising, as the auth server
 * does per login/refresh; {@code verify} is a plain jjwt parse with signature, iss and aud checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlgorithmBenchmark {

    @Param({"RS256", "ES256", "EdDSA"})
    public String alg;

    private KeyPair pair;
    private SignatureAlgorithm signatureAlgorithm;
    private String kid;
    private Instant issuedAt;
    private String token;
    private JwtParser parser;

    @Setup(Level.Trial)
    public void setUp() {
        pair = TokenFixtures.keyPair(alg);
        signatureAlgorithm = TokenFixtures.signatureAlgorithm(alg);
        kid = JwkKeys.thumbprintKid(pair.getPublic());
        issuedAt = Instant.now();
        token = TokenFixtures.sign(alg, kid, pair.getPrivate());
        parser = Jwts.parser()
                .verifyWith(pair.getPublic())
                .requireIssuer(TokenFixtures.ISSUER)
                .requireAudience(TokenFixtures.AUDIENCE)
                .clockSkewSeconds(TokenFixtures.CLOCK_SKEW.toSeconds())
                .build();
        // Fail fast: both operations must succeed before anything is measured.
        parser.parseSignedClaims(sign());
        parser.parseSignedClaims(token);
    }

    @Benchmark
    public String sign() {
        return TokenFixtures.accessTokenBuilder(kid, issuedAt, "0b7d3c52-0b7e-4bd4-9d6a-7f3e2c1b0a99")
                .signWith(pair.getPrivate(), signatureAlgorithm)
                .compact();
    }

    @Benchmark
    public Jws<Claims> verify() {
        return parser.parseSignedClaims(token);
    }
}
