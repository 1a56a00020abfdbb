package org.jwtauth.auth.throttle;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.auth.throttle.ThrottleAssertions.assertThrottled;

/** The brute-force throttle with its default settings: 5 failures per user, 30 s doubling to 15 min. */
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTest extends AbstractIntegrationTest {

    private static final String WRONG = "wrong-password";

    @Autowired
    private LoginThrottleStore store;

    /** Every test starts after whatever the previous one left has long expired, the address counter included. */
    @BeforeEach
    void leaveEarlierFailuresBehind() {
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void theSixthAttemptIsRefusedEvenWithTheRightPasswordAndWithoutCheckingIt(CapturedOutput output) {
        for (int i = 0; i < 5; i++) {
            assertOAuthError(loginResponse(ALICE, WRONG), 400, "invalid_grant");
        }
        int logBefore = output.getAll().length();

        Http.Response refused = loginResponse(ALICE, ALICE_PASSWORD);

        assertThrottled(refused, 30);
        assertThat(refused.header("Pragma")).isEqualTo("no-cache");
        // other spellings of the name are the same account, and the same counter
        assertThrottled(loginResponse("  ALICE ", ALICE_PASSWORD), 30);

        String log = output.getAll();
        assertThat(log).contains("event=login_locked user=alice address=", "retry_after_s=30 scope=user failures=5");
        String afterLock = log.substring(logBefore);
        assertThat(afterLock).contains("event=login_throttled user=alice", "retry_after_s=30 scope=user");
        // the password was not evaluated: neither a success nor a failure
        assertThat(afterLock).doesNotContain("event=login_success").doesNotContain("event=login_failure");
    }

    @Test
    void aUserThatDoesNotExistIsLockedOutExactlyLikeOneThatDoes() {
        String nobody = "nobody";
        for (int i = 0; i < 5; i++) {
            assertOAuthError(loginResponse(ALICE, WRONG), 400, "invalid_grant");
            assertOAuthError(loginResponse(nobody, WRONG), 400, "invalid_grant");
        }

        Http.Response existing = loginResponse(ALICE, ALICE_PASSWORD);
        Http.Response missing = loginResponse(nobody, "whatever-password");

        assertThrottled(existing, 30);
        assertThrottled(missing, 30);
        assertThat(missing.body()).isEqualTo(existing.body());
        assertThat(missing.header("Retry-After")).isEqualTo(existing.header("Retry-After"));
        assertThat(missing.header("Content-Type")).isEqualTo(existing.header("Content-Type"));
        assertThat(missing.header("Cache-Control")).isEqualTo(existing.header("Cache-Control"));
    }

    @Test
    void afterTheLockoutTheRightPasswordWorksAndResetsTheCount() {
        for (int i = 0; i < 5; i++) {
            loginResponse(ALICE, WRONG);
        }
        clock.advance(Duration.ofMillis(29_500));
        assertThrottled(loginResponse(ALICE, ALICE_PASSWORD), 1);

        clock.advance(Duration.ofMillis(500));
        login(ALICE, ALICE_PASSWORD);
        assertThat(store.find(ThrottleKey.user(ALICE).hash())).isEmpty();

        // a fresh count: four failures are allowed again before the fifth locks
        for (int i = 0; i < 4; i++) {
            assertOAuthError(loginResponse(ALICE, WRONG), 400, "invalid_grant");
        }
        login(ALICE, ALICE_PASSWORD);
    }

    @Test
    void eachFailureAfterALockoutDoublesTheNextUpToFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            loginResponse(ALICE, WRONG);
        }
        List<Long> lockouts = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            Http.Response refused = loginResponse(ALICE, ALICE_PASSWORD);
            assertThat(refused.status()).isEqualTo(429);
            long seconds = Long.parseLong(refused.header("Retry-After"));
            lockouts.add(seconds);
            clock.advance(Duration.ofSeconds(seconds));
            assertOAuthError(loginResponse(ALICE, WRONG), 400, "invalid_grant");
        }

        assertThat(lockouts).containsExactly(30L, 60L, 120L, 240L, 480L, 900L, 900L, 900L);
    }

    @Test
    void aDisabledUsersFailuresCountLikeAnyOther() {
        String admin = adminToken();
        String name = "dana";
        assertThat(http.postJson("/admin/users", Map.of("username", name, "password", "dana-password"), admin).status())
                .isEqualTo(201);
        assertThat(http.postJson("/admin/users/" + name + "/revoke", "", admin).status()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            assertOAuthError(loginResponse(name, "dana-password"), 400, "invalid_grant");
        }

        assertThrottled(loginResponse(name, "dana-password"), 30);
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        String target = "target";
        List<Http.Response> responses = concurrently(20, () -> loginResponse(target, WRONG));

        long failed = responses.stream().filter(r -> r.status() == 400).count();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isIn(400, 429));
        // every attempt that was evaluated was counted: no update was lost to a race
        ThrottleState state = store.find(ThrottleKey.user(target).hash()).orElseThrow();
        assertThat(state.failures()).isEqualTo((int) failed);
        assertThat(failed).isGreaterThanOrEqualTo(5);
        assertThat(state.lockedAt(clock.instant())).isTrue();
        assertThat(loginResponse(target, WRONG).status()).isEqualTo(429);
    }

    @Test
    void expiredRowsArePurgedOnTheWay() {
        loginResponse("ghost", WRONG);
        String ghost = ThrottleKey.user("ghost").hash();
        assertThat(store.find(ghost)).isPresent();

        clock.advance(Duration.ofMinutes(16));
        login(ALICE, ALICE_PASSWORD);

        assertThat(store.find(ghost)).isEmpty();
    }
}
