package org.jwtauth.auth.throttle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of the throttle, without a database. */
class ThrottlePolicyTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final ThrottlePolicy policy = new ThrottlePolicy(5, WINDOW, Duration.ofSeconds(30), Duration.ofMinutes(15));

    @Test
    void failuresBelowTheThresholdOnlyCountWithinAWindowFromTheFirstFailure() {
        ThrottleState s = policy.afterFailure(null, T0);
        assertThat(s).isEqualTo(new ThrottleState(1, null, T0.plus(WINDOW)));

        s = policy.afterFailure(s, T0.plusSeconds(60));
        assertThat(s).isEqualTo(new ThrottleState(2, null, T0.plus(WINDOW)));
        assertThat(s.lockedAt(T0.plusSeconds(60))).isFalse();

        // the window is over: the count starts again
        ThrottleState fresh = policy.afterFailure(s, T0.plus(WINDOW));
        assertThat(fresh).isEqualTo(new ThrottleState(1, null, T0.plus(WINDOW).plus(WINDOW)));
    }

    @Test
    void theThresholdFailureLocksAndEachFurtherOneDoublesUpToTheCap() {
        ThrottleState s = null;
        for (int i = 0; i < 4; i++) {
            s = policy.afterFailure(s, T0);
        }
        assertThat(s.lockedAt(T0)).isFalse();

        Instant now = T0;
        long[] expectedSeconds = {30, 60, 120, 240, 480, 900, 900, 900};
        for (long expected : expectedSeconds) {
            s = policy.afterFailure(s, now);
            assertThat(s.lockedUntil()).isEqualTo(now.plusSeconds(expected));
            // the count is remembered for a whole window after the lockout, so it keeps growing
            assertThat(s.expiresAt()).isEqualTo(s.lockedUntil().plus(WINDOW));
            assertThat(s.lockedAt(now)).isTrue();
            assertThat(s.lockedAt(s.lockedUntil())).isFalse();
            now = s.lockedUntil();
        }
        assertThat(s.failures()).isEqualTo(12);
    }

    @Test
    void aQuietWindowAfterTheLockoutForgetsEverything() {
        ThrottleState s = null;
        for (int i = 0; i < 5; i++) {
            s = policy.afterFailure(s, T0);
        }
        Instant afterMemory = s.lockedUntil().plus(WINDOW);

        assertThat(policy.afterFailure(s, afterMemory.minusNanos(1000)).failures()).isEqualTo(6);
        assertThat(policy.afterFailure(s, afterMemory)).isEqualTo(new ThrottleState(1, null, afterMemory.plus(WINDOW)));
    }

    @Test
    void aFailureThatRacedPastTheCheckNeverShortensALockout() {
        ThrottleState locked = new ThrottleState(9, T0.plusSeconds(600), T0.plusSeconds(600).plus(WINDOW));

        ThrottleState next = policy.afterFailure(locked, T0);

        // the 10th failure alone would lock for 900 s; an existing longer lockout would be kept
        assertThat(next.lockedUntil()).isEqualTo(T0.plusSeconds(900));
        ThrottleState longer = new ThrottleState(5, T0.plusSeconds(3600), T0.plusSeconds(3600).plus(WINDOW));
        assertThat(policy.afterFailure(longer, T0).lockedUntil()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void lockoutArithmeticNeitherOverflowsNorExceedsTheCap() {
        assertThat(policy.lockoutAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.lockoutAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
        ThrottleState saturated = new ThrottleState(Integer.MAX_VALUE, null, T0.plus(WINDOW));
        assertThat(policy.afterFailure(saturated, T0).failures()).isEqualTo(Integer.MAX_VALUE);

        ThrottlePolicy odd = new ThrottlePolicy(1, WINDOW, Duration.ofSeconds(7), Duration.ofSeconds(20));
        assertThat(odd.lockoutAfter(1)).isEqualTo(Duration.ofSeconds(7));
        assertThat(odd.lockoutAfter(2)).isEqualTo(Duration.ofSeconds(14));
        assertThat(odd.lockoutAfter(3)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(LoginThrottle.retryAfterSeconds(T0, T0.plusSeconds(30))).isEqualTo(30);
        assertThat(LoginThrottle.retryAfterSeconds(T0, T0.plusMillis(29_001))).isEqualTo(30);
        assertThat(LoginThrottle.retryAfterSeconds(T0, T0.plusNanos(1000))).isEqualTo(1);
        assertThat(LoginThrottle.retryAfterSeconds(T0, T0)).isEqualTo(1);
    }

    @Test
    void ipv6AddressesCountPerSlash64AndIpv4OnesOneByOne() {
        assertThat(ClientAddresses.throttleKey("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddresses.throttleKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.throttleKey("2001:0DB8:0001:0002::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.throttleKey("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddresses.throttleKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(ClientAddresses.throttleKey("fe80:0:0:0:1:2:3:4%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ClientAddresses.throttleKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        // never a DNS lookup, whatever a container reports
        assertThat(ClientAddresses.throttleKey("some.host:8080")).isEqualTo("some.host:8080");
        assertThat(ClientAddresses.throttleKey(null)).isEqualTo("unknown");
    }

    @Test
    void keysOfTheTwoScopesNeverCollideAndAreFixedWidthHashes() {
        ThrottleKey user = ThrottleKey.user("192.0.2.7");
        ThrottleKey address = ThrottleKey.address("192.0.2.7");

        assertThat(user.hash()).matches("[0-9a-f]{64}").isNotEqualTo(address.hash());
        assertThat(ThrottleKey.user("x\u0000".repeat(300)).hash()).hasSize(64);
    }
}
