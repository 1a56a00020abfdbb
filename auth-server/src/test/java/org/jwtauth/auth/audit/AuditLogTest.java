package org.jwtauth.auth.audit;

import org.jwtauth.token.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AuditLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AuditLog audit = new AuditLog(clock);

    @Test
    void controlCharactersAndLineSeparatorsAreEscaped(CapturedOutput output) {
        String name = "eve\u0000\u001b[31mred\r\nevent=forged\u2028\u2029\u0085\u007f\t\u202e\u200b\ufeff\"\\";

        audit.event("login_failure", "user", name);

        String line = output.getAll().lines().filter(l -> l.contains("event=login_failure")).findFirst().orElseThrow();
        assertThat(line).endsWith("user=\"eve\\u0000\\u001b[31mred\\r\\nevent=forged\\u2028\\u2029\\u0085\\u007f\\u0009"
                + "\\u202e\\u200b\\ufeff\\\"\\\\\"");
        assertThat(line).as("the forged event stays inside the real one's line").contains("event=forged");
        for (char c : line.toCharArray()) {
            assertThat(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT)
                    .as("char %04x", (int) c).isFalse();
        }
    }

    @Test
    void plainValuesStayUnquoted() {
        assertThat(AuditLog.quote("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(AuditLog.quote("two words")).isEqualTo("\"two words\"");
    }

    @Test
    void aRepeatableEventIsWrittenAtMostTenTimesAMinutePerKey(CapturedOutput output) {
        for (int i = 0; i < 25; i++) {
            audit.repeatable("login_failure", "mallory", "user", "mallory", "n", i);
        }
        audit.repeatable("login_failure", "other", "user", "other");

        assertThat(count(output, "user=mallory")).isEqualTo(10);
        assertThat(count(output, "user=other")).as("other keys have their own budget").isEqualTo(1);
        // the event's next line, whichever key, says how many of the event were left out
        assertThat(output.getAll()).contains("event=login_failure user=other suppressed=15");

        clock.advance(Duration.ofMinutes(1));
        audit.repeatable("login_failure", "mallory", "user", "mallory", "n", 25);
        assertThat(output.getAll()).contains("event=login_failure user=mallory n=25\n");
    }

    @Test
    void aFloodOfDistinctKeysIsCappedPerEvent(CapturedOutput output) {
        for (int i = 0; i < 500; i++) {
            audit.repeatable("client_auth_failure", "id-" + i, "client_id", "id-" + i);
        }
        audit.event("user_created", "user", "carol");

        assertThat(count(output, "event=client_auth_failure")).isEqualTo(AuditRateLimit.PER_EVENT);
        assertThat(count(output, "event=user_created")).as("plain events are never limited").isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        audit.repeatable("client_auth_failure", "id-499", "client_id", "id-499");
        assertThat(output.getAll()).contains("event=client_auth_failure client_id=id-499 suppressed=400");
    }

    private static long count(CapturedOutput output, String text) {
        return output.getAll().lines().filter(l -> l.contains(text)).count();
    }
}
