package org.jwtauth.bench;

import org.jwtauth.token.AccessTokenJwtDecoder;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.CachingAccessTokenVerifier;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.jwtauth.token.ValidatedAccessToken;
import org.jwtauth.token.VerificationKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Verifying one valid RS256 access token (the very same string for every decoder):
 * <ul>
 *   <li>{@code accessTokenValidator}: this project's jjwt-based validator (signature, alg allow-list,
 *       typ, exp/nbf/iat with 30 s skew, iss, aud, sub, claim shapes);</li>
 *   <li>{@code accessTokenJwtDecoder}: the same wrapped as a Spring {@code JwtDecoder} (what
 *       resource-service runs per request): adds building Spring's {@code Jwt};</li>
 *   <li>{@code nimbusJwtDecoder}: Spring Security's stock {@code NimbusJwtDecoder.withPublicKey(...)}
 *       with {@code JwtValidators.createDefaultWithIssuer}'s validators (timestamps with the same 30 s
 *       skew, issuer) plus audience and {@code typ: at+jwt} checks;</li>
 *   <li>{@code cachedJwtDecoder}: what resource-service runs with its default token cache: a repeat
 *       token is a cache hit (lookup, exp and key checks, building Spring's {@code Jwt}). Each call
 *       gets a fresh copy of the token string, as every HTTP request does, so its hash is computed
 *       each time.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ValidationBenchmark {

    private String token;
    private AccessTokenValidator validator;
    private AccessTokenJwtDecoder adapter;
    private NimbusJwtDecoder nimbus;
    private AccessTokenJwtDecoder cached;
    private char[] tokenChars;

    @Setup(Level.Trial)
    public void setUp() {
        KeyPair pair = TokenFixtures.keyPair("RS256");
        String kid = JwkKeys.thumbprintKid(pair.getPublic());
        token = TokenFixtures.sign("RS256", kid, pair.getPrivate());

        validator = new AccessTokenValidator(
                new AccessTokenValidator.Settings(TokenFixtures.ISSUER, TokenFixtures.AUDIENCE, TokenFixtures.CLOCK_SKEW),
                StaticVerificationKeys.of(List.of(new VerificationKey(kid, "RS256", pair.getPublic()))),
                Clock.systemUTC());
        adapter = new AccessTokenJwtDecoder(validator);
        var keys = StaticVerificationKeys.of(List.of(new VerificationKey(kid, "RS256", pair.getPublic())));
        cached = new AccessTokenJwtDecoder(
                new CachingAccessTokenVerifier(validator, keys, 10_000, TokenFixtures.CLOCK_SKEW, Clock.systemUTC()));
        tokenChars = token.toCharArray();

        // validateType(false): Nimbus' own typ check accepts only "JWT"; Spring's JwtTypeValidator checks at+jwt instead.
        nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .validateType(false)
                .build();
        // = JwtValidators.createDefaultWithIssuer(ISSUER), with our 30 s skew instead of its 60 s, plus aud and typ.
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithValidators(
                        new JwtTimestampValidator(TokenFixtures.CLOCK_SKEW),
                        new JwtIssuerValidator(TokenFixtures.ISSUER)),
                new JwtAudienceValidator(TokenFixtures.AUDIENCE),
                new JwtTypeValidator("at+jwt")));

        // Fail fast if any decoder would reject the token: a benchmark of an exception path is worthless.
        ValidatedAccessToken ours = validator.validate(token);
        Jwt viaAdapter = adapter.decode(token);
        Jwt viaNimbus = nimbus.decode(token);
        if (!Objects.equals(ours.subject(), viaNimbus.getSubject())
                || !Objects.equals(viaAdapter.getSubject(), viaNimbus.getSubject())
                || !viaNimbus.getAudience().equals(viaAdapter.getAudience())) {
            throw new IllegalStateException("the decoders disagree about the token");
        }
    }

    @Benchmark
    public ValidatedAccessToken accessTokenValidator() {
        return validator.validate(token);
    }

    @Benchmark
    public Jwt accessTokenJwtDecoder() {
        return adapter.decode(token);
    }

    @Benchmark
    public Jwt cachedJwtDecoder() {
        return cached.decode(new String(tokenChars));
    }

    @Benchmark
    public Jwt nimbusJwtDecoder() {
        return nimbus.decode(token);
    }
}
