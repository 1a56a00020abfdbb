package org.jwtauth.resource.revocation;

import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default, for comparison with {@link RevocationFeedWindowTest}: nothing tells this service about
 * a revocation, so a revoked user's token is accepted until it expires (the token lifetime plus the
 * clock skew allowance).
 */
class RevocationWindowWithoutFeedTest extends SharedJwksContext {

    @Autowired
    ApplicationContext context;

    @Test
    void aRevokedUsersTokenWorksUntilItExpires() {
        String token = Tokens.accessToken(KEY, clock.instant(), "mallory", "USER");
        // The auth server revokes mallory now.

        clock.advance(Tokens.TTL.minusSeconds(1));
        assertThat(get("/api/me", token).getStatusCode().value()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(30 + 2)); // past exp plus resource.clock-skew
        assertInvalidToken(get("/api/me", token));
    }

    @Test
    void theFeedIsOffByDefault() {
        assertThat(context.getBeanNamesForType(RevocationFeedPoller.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RevokedUsers.class)).isEmpty();
        assertThat(json(get(management("/actuator/health/revocation-feed"), null)).get("status").asText()).isEqualTo("DISABLED");
    }
}
