package org.jwtauth.resource.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every token the API sees is counted by outcome and reason, and timed; the scrape shows it without token data. */
class ValidationMetricsTest extends SharedJwksContext {

    @Autowired
    MeterRegistry registry;


    double count(String outcome, String reason) {
        return registry.get("resource.token.validation").tag("outcome", outcome).tag("reason", reason).counter().count();
    }

    long timed() {
        return registry.get("resource.token.validation.latency").timer().count();
    }

    @Test
    void validationsAreCountedByOutcomeAndReasonAndTimed() {
        double valid = count("valid", "none");
        double expired = count("invalid", "expired");
        double badSignature = count("invalid", "bad_signature");
        double unknownKid = count("invalid", "unknown_kid");
        double malformed = count("invalid", "malformed");
        long calls = timed();
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");
        String old = Tokens.accessToken(KEY, clock.instant().minus(Tokens.TTL).minusSeconds(60), "alice", "USER");
        TestKey stranger = TestKey.generate();
        String forged = Tokens.accessToken(stranger, clock.instant(), "alice", List.of("USER"), b -> b.header().keyId(KEY.kid()));
        String unknown = Tokens.accessToken(stranger, clock.instant(), "alice", "USER");

        assertThat(get("/api/me", token).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/hello", token).getStatusCode().value()).as("a cached token still counts").isEqualTo(200);
        assertInvalidToken(get("/api/me", old));
        assertInvalidToken(get("/api/me", forged));
        assertInvalidToken(get("/api/me", unknown));
        assertInvalidToken(get("/api/me", "not-a-token"));

        assertThat(count("valid", "none")).isEqualTo(valid + 2);
        assertThat(count("invalid", "expired")).isEqualTo(expired + 1);
        assertThat(count("invalid", "bad_signature")).isEqualTo(badSignature + 1);
        assertThat(count("invalid", "unknown_kid")).isEqualTo(unknownKid + 1);
        assertThat(count("invalid", "malformed")).isEqualTo(malformed + 1);
        assertThat(timed()).isEqualTo(calls + 6);
    }

    @Test
    void theScrapeShowsReasonsButNothingFromTheTokens() {
        String token = Tokens.accessToken(KEY, clock.instant(), "scrape-probe-user", "USER");
        assertThat(get("/api/me", token).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> scrape = get(management("/actuator/prometheus"), null);

        assertThat(scrape.getStatusCode().value()).isEqualTo(200);
        assertThat(scrape.getBody())
                .contains("resource_token_validation_total{application=\"resource-service\",outcome=\"valid\",reason=\"none\"}")
                .contains("outcome=\"invalid\",reason=\"bad_signature\"")
                .doesNotContain("scrape-probe-user", token.substring(0, 40), KEY.kid());
    }
}
