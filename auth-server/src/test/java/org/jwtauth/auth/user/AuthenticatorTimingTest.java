package org.jwtauth.auth.user;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.metrics.AuthMetrics;
import org.jwtauth.auth.error.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

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
        // Medians of a few runs; BCrypt at cost 8 takes ~15 ms, so a missing comparison would be ~0 ms.
        long unknown = medianNanos(() -> authenticator.authenticate("mallory", "wrong-password"));
        long wrong = medianNanos(() -> authenticator.authenticate("alice", "wrong-password"));
        assertThat((double) unknown / wrong).as("unknown %d ns vs wrong password %d ns", unknown, wrong).isBetween(0.33, 3.0);
    }

    private static long medianNanos(Runnable attempt) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            try {
                attempt.run();
            } catch (ApiException expected) {
                // every attempt fails
            }
            times.add(System.nanoTime() - start);
        }
        times.sort(null);
        return times.get(times.size() / 2);
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
