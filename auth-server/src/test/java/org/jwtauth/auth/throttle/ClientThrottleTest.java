package org.jwtauth.auth.throttle;

import org.jwtauth.auth.Http;
import org.jwtauth.auth.error.TooManyRequestsException;
import org.jwtauth.auth.oauth2.OAuthIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Client authentication is throttled like the login: per client id at an address (10 failures) and per
 * address (here 20, so that a test reaches it), 429 with Retry-After, and no secret hash computed while locked.
 */
@TestPropertySource(properties = "auth.client-throttle.max-failures-per-address=20")
@ExtendWith(OutputCaptureExtension.class)
class ClientThrottleTest extends OAuthIntegrationTest {

    private static final String REFUSAL =
            "{\"error\":\"too_many_requests\",\"error_description\":\"Too many failed client authentications; try again later\"}";

    @MockitoSpyBean
    PasswordEncoder passwordEncoder;

    @Autowired
    ClientThrottle throttle;

    @BeforeEach
    void leaveEarlierFailuresBehind() {
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void wrongSecretsLockTheClientIdAndTheRightOneIsRefusedUnchecked() {
        for (int i = 0; i < 10; i++) {
            assertInvalidClient(introspectAs(basic(CLIENT_ID, "wrong-secret-" + i)));
        }

        clearInvocations(passwordEncoder);
        Http.Response locked = introspectAs(demoClient());

        assertClientThrottled(locked, 30);
        verify(passwordEncoder, never()).matches(any(), anyString());
        // another client from the same address is not locked by it
        assertThat(postForm("/oauth2/token", form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD))
                .status()).isEqualTo(200);

        // the lockout is the client's at this address only: knowing a client's id is no way to lock it out elsewhere
        assertThat(throttle.check(CLIENT_ID, "203.0.113.9")).isNotNull();
        assertThatThrownBy(() -> throttle.check(CLIENT_ID, "127.0.0.1")).isInstanceOf(TooManyRequestsException.class);

        clock.advance(Duration.ofSeconds(30));
        assertThat(introspectAs(demoClient()).status()).as("after the lockout the right secret works").isEqualTo(200);
    }

    @Test
    void unknownClientIdsFromOneAddressLockTheAddress() {
        for (int i = 0; i < 20; i++) {
            assertInvalidClient(introspectAs(basic("made-up-" + i, "secret")));
        }

        clearInvocations(passwordEncoder);
        assertClientThrottled(introspectAs(basic("made-up-next", "secret")), 30);
        assertClientThrottled(introspectAs(demoClient()), 30);
        verify(passwordEncoder, never()).matches(any(), anyString());
        // logins count their own address failures: client authentication does not lock them
        assertThat(loginResponse(ALICE, ALICE_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void hammeringALockedClientWritesABoundedNumberOfAuditLines(CapturedOutput output) {
        for (int i = 0; i < 10; i++) {
            assertInvalidClient(introspectAs(basic("hammered", "secret")));
        }
        for (int i = 0; i < 30; i++) {
            assertClientThrottled(introspectAs(basic("hammered", "secret")), 30);
        }

        assertThat(lines(output, "event=client_auth_throttled client_id=hammered "))
                .as("at most 10 lines a minute per event and client id").isEqualTo(10);
        clock.advance(Duration.ofMinutes(1));
        assertInvalidClient(introspectAs(basic("hammered", "secret")));   // the lockout is over: one more failure...
        assertClientThrottled(introspectAs(basic("hammered", "secret")), 60);   // ...locks it for twice as long
        assertThat(output.getAll()).containsPattern("event=client_auth_throttled client_id=hammered .* suppressed=20\\R");
    }

    private Http.Response introspectAs(String authorization) {
        return postForm("/oauth2/introspect", form("token", "x".repeat(43)), "Authorization", authorization);
    }

    private static void assertClientThrottled(Http.Response r, long retryAfterSeconds) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(429);
        assertThat(r.header("Retry-After")).as("Retry-After of %s", r).isEqualTo(Long.toString(retryAfterSeconds));
        assertThat(r.body()).isEqualTo(REFUSAL);
        assertThat(r.header("Cache-Control")).contains("no-store");
    }

    private static int lines(CapturedOutput output, String text) {
        return (int) output.getAll().lines().filter(l -> l.contains(text)).count();
    }
}
