package org.jwtauth.resource.support;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Mints access tokens shaped like the auth server's (RFC 9068 profile, RS256). */
public final class Tokens {

    /** The resource-service defaults, which match the auth server's defaults. */
    public static final String ISSUER = "http://localhost:9000";
    public static final String AUDIENCE = "resource-service";
    public static final Duration TTL = Duration.ofMinutes(10);

    private Tokens() {
    }

    public static String accessToken(TestKey key, Instant now, String username, String... roles) {
        return accessToken(key, now, username, List.of(roles), b -> {
        });
    }

    /** @param customizer applied after the standard header and claims, before signing, to override them */
    public static String accessToken(TestKey key, Instant now, String username, List<String> roles, Consumer<JwtBuilder> customizer) {
        JwtBuilder builder = Jwts.builder()
                .header().keyId(key.kid()).type("at+jwt").and()
                .issuer(ISSUER)
                .subject("id-" + username)
                .audience().add(AUDIENCE).and()
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plus(TTL)))
                .id(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("roles", roles);
        customizer.accept(builder);
        return builder.signWith(key.privateKey(), Jwts.SIG.RS256).compact();
    }

    public static String base64Url(String json) {
        return base64Url(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String decodePart(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }
}
