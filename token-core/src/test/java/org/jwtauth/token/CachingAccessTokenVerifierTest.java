package org.jwtauth.token;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingAccessTokenVerifierTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "resource-service";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final KeyPair pair = Jwts.SIG.RS256.keyPair().build();
    private final VerificationKey key = new VerificationKey(JwkKeys.thumbprintKid(pair.getPublic()), "RS256", pair.getPublic());
    private final AtomicReference<VerificationKey> published = new AtomicReference<>(key);
    private final VerificationKeySource keys = kid -> Optional.ofNullable(published.get()).filter(k -> k.kid().equals(kid));
    private final AccessTokenValidator validator = new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, SKEW), keys, clock);
    private final AtomicInteger fullValidations = new AtomicInteger();
    private final CachingAccessTokenVerifier cache = new CachingAccessTokenVerifier(
            token -> {
                fullValidations.incrementAndGet();
                return validator.validate(token);
            }, keys, 3, SKEW, clock);

    private String token(String subject, Duration ttl) {
        Instant now = clock.instant();
        return Jwts.builder().header().keyId(key.kid()).type(AccessTokenFormat.TYPE).and()
                .issuer(ISSUER).subject(subject).audience().add(AUDIENCE).and()
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(ttl)))
                .signWith(pair.getPrivate(), Jwts.SIG.RS256).compact();
    }

    @Test
    void aRepeatedTokenIsValidatedOnceAndReturnsTheSameClaims() {
        String token = token("alice", Duration.ofMinutes(10));
        ValidatedAccessToken first = cache.validate(token);
        ValidatedAccessToken second = cache.validate(new String(token.toCharArray()));
        assertThat(second).isEqualTo(first);
        assertThat(fullValidations).hasValue(1);
    }

    @Test
    void aHitHandsOutTheJwtBuiltOnceAndNothingInItCanBeChanged() {
        String token = Jwts.builder().header().keyId(key.kid()).type(AccessTokenFormat.TYPE).and()
                .issuer(ISSUER).subject("alice").audience().add(AUDIENCE).and()
                .issuedAt(Date.from(clock.instant())).expiration(Date.from(clock.instant().plusSeconds(600)))
                .claim(AccessTokenFormat.CLAIM_ROLES, List.of("USER"))
                .signWith(pair.getPrivate(), Jwts.SIG.RS256).compact();
        AccessTokenJwtDecoder decoder = new AccessTokenJwtDecoder(cache);

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(new String(token.toCharArray()));

        assertThat(second).isSameAs(first);
        assertThat(fullValidations).hasValue(1);
        assertThatThrownBy(() -> first.getClaims().put("sub", "admin")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.getHeaders().put("alg", "none")).isInstanceOf(UnsupportedOperationException.class);
        // The lists themselves, as every request carrying the token shares them (the getters would copy).
        for (String listClaim : List.of(AccessTokenFormat.CLAIM_ROLES, "aud")) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) first.getClaims().get(listClaim);
            assertThatThrownBy(() -> list.add("ADMIN")).as(listClaim).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aValidatedTokenNeverPrintsTheTokenItself() {
        String token = token("alice", Duration.ofMinutes(10));
        String printed = cache.validate(token).toString();
        assertThat(printed).contains("alice", key.kid()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        assertThat(printed).doesNotContain(token.substring(0, token.indexOf('.')));
    }

    @Test
    void aCachedTokenStillExpiresWithTheClockAndSkew() {
        String token = token("alice", Duration.ofMinutes(10));
        cache.validate(token);
        clock.advance(Duration.ofMinutes(10).plus(SKEW));
        assertThat(cache.validate(token).subject()).as("at exp + skew it is still valid").isEqualTo("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> cache.validate(token)).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("expired");
        assertThat(fullValidations).as("the expired hit went back to full validation").hasValue(2);
    }

    @Test
    void aCachedTokenWhoseKeyWasWithdrawnIsRejected() {
        String token = token("alice", Duration.ofMinutes(10));
        cache.validate(token);
        published.set(null);
        assertThatThrownBy(() -> cache.validate(token)).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("unknown key");
    }

    @Test
    void rejectedTokensAreNeverCachedAndOtherSpellingsNeverHit() {
        String token = token("alice", Duration.ofMinutes(10));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.validate(tampered)).isInstanceOf(InvalidAccessTokenException.class);
        }
        assertThat(fullValidations).hasValue(3);
        assertThat(cache.size()).isZero();
        cache.validate(token);
        assertThatThrownBy(() -> cache.validate(token + "=")).isInstanceOf(InvalidAccessTokenException.class);
    }

    @Test
    void theCacheIsBounded() {
        List<String> tokens = List.of(token("a", Duration.ofMinutes(5)), token("b", Duration.ofMinutes(5)),
                token("c", Duration.ofMinutes(5)), token("d", Duration.ofMinutes(5)), token("e", Duration.ofMinutes(5)));
        tokens.forEach(cache::validate);
        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void nullIsHandedToTheValidator() {
        assertThatThrownBy(() -> cache.validate(null)).isInstanceOf(InvalidAccessTokenException.class);
        assertThatThrownBy(() -> new CachingAccessTokenVerifier(validator, keys, 0, SKEW, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
