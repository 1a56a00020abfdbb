package org.jwtauth.auth.throttle;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.jwtauth.auth.throttle.ThrottleAssertions.assertThrottled;

/** The per-address limit, with a small threshold so that a few usernames reach it. */
@TestPropertySource(properties = "auth.login-throttle.max-failures-per-address=8")
class LoginThrottleAddressTest extends AbstractIntegrationTest {

    @BeforeEach
    void leaveEarlierFailuresBehind() {
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void failuresAcrossManyUsernamesLockTheAddress() {
        // one failure each for seven names: no username is near its own limit of 5
        for (int i = 1; i <= 7; i++) {
            assertOAuthError(loginResponse("guess" + i, "wrong-password"), 400, "invalid_grant");
        }
        // below the address threshold another user from the same address still gets in...
        login(ALICE, ALICE_PASSWORD);

        // ...and her success does not reset the address count: the eighth failure locks it
        assertOAuthError(loginResponse("guess8", "wrong-password"), 400, "invalid_grant");
        assertThrottled(loginResponse(ALICE, ALICE_PASSWORD), 30);
        assertThrottled(loginResponse(ADMIN, ADMIN_PASSWORD), 30);
        assertThrottled(loginResponse("guess9", "wrong-password"), 30);

        // after the lockout the address may try again; its next failure locks it for twice as long
        clock.advance(Duration.ofSeconds(30));
        login(ALICE, ALICE_PASSWORD);
        assertOAuthError(loginResponse("guess10", "wrong-password"), 400, "invalid_grant");
        assertThrottled(loginResponse(ADMIN, ADMIN_PASSWORD), 60);
    }

    @Test
    void theAddressCountIsForgottenAfterAQuietWindow() {
        for (int i = 1; i <= 7; i++) {
            loginResponse("other" + i, "wrong-password");
        }
        clock.advance(Duration.ofMinutes(15));

        // a new window: seven more failures are fine
        for (int i = 1; i <= 7; i++) {
            assertOAuthError(loginResponse("again" + i, "wrong-password"), 400, "invalid_grant");
        }
        login(ALICE, ALICE_PASSWORD);
    }
}
