package org.jwtauth.auth.user;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.metrics.AuthMetrics;
import org.jwtauth.auth.error.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An unknown username must cost the same BCrypt comparison as a wrong password, or response time
 * tells an attacker which accounts exist.
 */
class AuthenticatorTimingTest {

    private final CountingEncoder encoder = new CountingEncoder(new BCryptPasswordEncoder(8));
    private final User alice = new User(UUID.randomUUID(), "alice", encoder.encode("alice-password"), List.of("USER"),
            true, Instant.EPOCH, null);
    private final UserRepository users = new UserRepository(null) {
        @Override
        public Optional<User> findByUsername(String username) {
            return "alice".equals(username) ? Optional.of(alice) : Optional.empty();
        }
    };
    private final Authenticator authenticator = new Authenticator(users, encoder, new AuditLog(), new AuthMetrics(new SimpleMeterRegistry()));

    @Test
    void unknownUserWrongPasswordAndOverlongPasswordEachCostOneBcryptComparison() {
        for (Supplier<User> attempt : List.<Supplier<User>>of(
                () -> authenticator.authenticate("mallory", "alice-password"),
                () -> authenticator.authenticate("alice", "wrong-password"),
                () -> authenticator.authenticate("mallory", "x".repeat(100)),
                () -> authenticator.authenticate("bad name with spaces", "whatever"))) {
            encoder.hashesCompared.clear();
            assertThatThrownBy(attempt::get).isInstanceOf(ApiException.class).hasMessage(Authenticator.FAILURE);
            assertThat(encoder.hashesCompared).hasSize(1);
            assertThat(encoder.hashesCompared.get(0)).as("a real BCrypt hash of the same cost").startsWith("$2a$08$");
        }
    }

    @Test
    void unknownUserTakesAboutAsLongAsAWrongPassword() {
        // BCrypt at cost 8 takes ~15 ms, so a missing comparison would be ~0 ms. Measured as this thread's
        // CPU time (time spent descheduled on a loaded machine does not count), the two kinds of attempt
        // interleaved after a warm-up (a load burst or the JIT affects both alike), medians compared.
        Runnable unknownUser = () -> authenticator.authenticate("mallory", "wrong-password");
        Runnable wrongPassword = () -> authenticator.authenticate("alice", "wrong-password");
        for (int i = 0; i < 3; i++) {
            cpuNanos(unknownUser);
            cpuNanos(wrongPassword);
        }
        List<Long> unknownTimes = new ArrayList<>();
        List<Long> wrongTimes = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            unknownTimes.add(cpuNanos(unknownUser));
            wrongTimes.add(cpuNanos(wrongPassword));
        }
        long unknown = median(unknownTimes);
        long wrong = median(wrongTimes);
        assertThat((double) unknown / wrong).as("unknown %d ns vs wrong password %d ns", unknown, wrong).isBetween(0.33, 3.0);
    }

    private static long cpuNanos(Runnable attempt) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        try {
            attempt.run();
        } catch (ApiException expected) {
            // every attempt fails
        }
        return threads.getCurrentThreadCpuTime() - start;
    }

    private static long median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        final List<String> hashesCompared = new ArrayList<>();

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashesCompared.add(encoded);
            return delegate.matches(raw, encoded);
        }
    }
}
