package org.jwtauth.auth.refresh;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenPurgerTest extends AbstractIntegrationTest {

    private static final Duration REFRESH_TTL = Duration.ofDays(182);

    @Autowired
    RefreshTokenPurger purger;

    @Autowired
    RefreshTokenStore store;

    /** One login and two rotations: three rows, one of them live. */
    private String session() {
        String token = login(ALICE, ALICE_PASSWORD).get("refresh_token").asText();
        for (int i = 0; i < 2; i++) {
            token = refresh(token).json().get("refresh_token").asText();
        }
        return token;
    }

    @Test
    void expiredFamiliesAreDeletedAndLiveOnesKept() {
        purger.purge();
        long before = store.count();
        session();
        String revoked = session();
        logout(revoked);
        clock.advance(REFRESH_TTL.plusSeconds(1));
        String live = session();

        assertThat(purger.purge()).isEqualTo(6);
        assertThat(store.count()).isEqualTo(before + 3);
        assertThat(refresh(live).status()).as("the live session is untouched").isEqualTo(200);
    }

    @Test
    void theTableDoesNotGrowWithoutBound() {
        purger.purge();
        long before = store.count();
        long largest = 0;
        for (int round = 0; round < 10; round++) {
            session();
            clock.advance(Duration.ofDays(100));
            purger.purge();
            largest = Math.max(largest, store.count() - before);
        }
        // Without the purge: 30 rows. With it, only the families younger than the TTL remain.
        assertThat(largest).isLessThanOrEqualTo(6);
    }
}
