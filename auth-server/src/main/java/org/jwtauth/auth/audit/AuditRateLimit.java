package org.jwtauth.auth.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many lines of a repeatable audit event are written: per event and key (a username, a client
 * id) at most {@value #PER_KEY} a minute, and per event, whatever the keys (a flood of random client
 * ids), at most {@value #PER_EVENT} a minute. Fixed one-minute windows. What is left out is counted
 * per event and reported with the event's next line, whichever key it has, so no count is lost with
 * a key the limiter forgets; the keys remembered are bounded (the least recently used go first), so a
 * flood of distinct keys costs no more memory than a few.
 */
final class AuditRateLimit {

    static final int PER_KEY = 10;
    static final int PER_EVENT = 100;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Map<String, Window> events = new HashMap<>();
    private final Map<String, Window> keys = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_KEYS;
        }
    };

    AuditRateLimit(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return -1 when the line is to be left out; otherwise how many lines of this event were left out
     *         since the last one written
     */
    synchronized long admit(String event, String key) {
        Instant now = clock.instant();
        Window perEvent = events.computeIfAbsent(event, e -> new Window(now)).roll(now);
        Window perKey = keys.computeIfAbsent(event + '\u0000' + key, k -> new Window(now)).roll(now);
        if (perKey.written >= PER_KEY || perEvent.written >= PER_EVENT) {
            perEvent.suppressed++;
            return -1;
        }
        perKey.written++;
        perEvent.written++;
        long suppressed = perEvent.suppressed;
        perEvent.suppressed = 0;
        return suppressed;
    }

    private static final class Window {
        private Instant start;
        private int written;
        private long suppressed;

        Window(Instant start) {
            this.start = start;
        }

        Window roll(Instant now) {
            if (!now.isBefore(start.plus(WINDOW))) {
                start = now;
                written = 0;
            }
            return this;
        }
    }
}
