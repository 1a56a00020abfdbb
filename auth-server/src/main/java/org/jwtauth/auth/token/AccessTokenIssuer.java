package org.jwtauth.auth.token;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.keys.SigningKey;
import org.jwtauth.auth.keys.SigningKeyStore;
import org.jwtauth.auth.keys.SigningProvider;
import org.jwtauth.auth.user.User;
import org.jwtauth.token.AccessTokenFormat;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * Signs RFC 9068 JWT access tokens: header {@code kid} and {@code typ: at+jwt}. The audience follows
 * the scope: the resource services by default, this server's admin API for scope {@code admin}.
 */
@Component
public class AccessTokenIssuer {

    private final AuthProperties properties;
    private final SigningKeyStore keys;
    private final SigningProvider signing;
    private final Clock clock;

    public AccessTokenIssuer(AuthProperties properties, SigningKeyStore keys, SigningProvider signing, Clock clock) {
        this.properties = properties;
        this.keys = keys;
        this.signing = signing;
        this.clock = clock;
    }

    public IssuedAccessToken issue(User user, TokenScope scope) {
        // JWT times have one-second resolution; truncating keeps exp - iat exactly the TTL.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // Asked per token: after a rotation (here or on another replica) the new key signs at once.
        SigningKey key = keys.current();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        String jti = UUID.randomUUID().toString();
        JwtBuilder builder = Jwts.builder();
        // The native provider for RS* (same signature as the JDK's, a quarter of the CPU): see SigningProvider.
        signing.forAlgorithm(key.algorithm()).ifPresent(builder::provider);
        if (scope.value() != null) {
            builder.claim(AccessTokenFormat.CLAIM_SCOPE, scope.value());
        }
        String token = builder
                .header().keyId(key.kid()).type(AccessTokenFormat.TYPE).and()
                .issuer(properties.issuer())
                .subject(user.id().toString())
                .audience().add(scope == TokenScope.ADMIN ? properties.adminAudience() : properties.audience()).and()
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(expiresAt))
                .id(jti)
                .claim(AccessTokenFormat.CLAIM_USERNAME, user.username())
                .claim(AccessTokenFormat.CLAIM_ROLES, user.roles())
                .signWith(key.privateKey(), key.signatureAlgorithm())
                .compact();
        return new IssuedAccessToken(token, jti, now, expiresAt);
    }
}
