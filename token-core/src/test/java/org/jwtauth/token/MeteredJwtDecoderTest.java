package org.jwtauth.token;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jwtauth.token.InvalidAccessTokenException.Reason;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeteredJwtDecoderTest {

    static final String NAME = "test.token.validation";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** "good" is valid; "expired" is wrapped by Spring like AccessTokenJwtDecoder does; anything else fails without a reason. */
    final JwtDecoder delegate = token -> switch (token) {
        case "good" -> Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60)).build();
        case "expired" -> throw new BadJwtException("The access token expired",
                new InvalidAccessTokenException(Reason.EXPIRED, "The access token expired"));
        default -> throw new IllegalStateException("no reason");
    };

    final MeteredJwtDecoder decoder = new MeteredJwtDecoder(delegate, registry, NAME);

    double count(String outcome, String reason) {
        return registry.get(NAME).tag("outcome", outcome).tag("reason", reason).counter().count();
    }

    @Test
    void everySeriesExistsFromTheStart() {
        assertThat(count("valid", "none")).isZero();
        for (Reason reason : Reason.values()) {
            assertThat(count("invalid", reason.tag())).as(reason.tag()).isZero();
        }
        assertThat(registry.get(NAME + ".latency").timer().count()).isZero();
    }

    @Test
    void countsOutcomesByReasonAndTimesEveryCall() {
        assertThat(decoder.decode("good").getSubject()).isEqualTo("alice");
        decoder.decode("good");
        assertThatThrownBy(() -> decoder.decode("expired")).isInstanceOf(BadJwtException.class)
                .hasMessage("The access token expired");
        assertThatThrownBy(() -> decoder.decode("???")).isInstanceOf(IllegalStateException.class);

        assertThat(count("valid", "none")).isEqualTo(2);
        assertThat(count("invalid", "expired")).isEqualTo(1);
        assertThat(count("invalid", "other")).isEqualTo(1);
        assertThat(count("invalid", "bad_signature")).isZero();
        assertThat(registry.get(NAME + ".latency").timer().count()).isEqualTo(4);
    }
}
