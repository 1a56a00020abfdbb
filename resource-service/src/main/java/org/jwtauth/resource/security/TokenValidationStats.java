package org.jwtauth.resource.security;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** Counts token validation outcomes since start; LongAdder keeps the hot path contention-free. */
@Component
public class TokenValidationStats {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Clock clock;
    private final Instant startedAt;

    public TokenValidationStats(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    void recordAccepted() {
        accepted.increment();
    }

    void recordRejected() {
        rejected.increment();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    public Duration uptime() {
        Duration uptime = Duration.between(startedAt, clock.instant());
        return uptime.isNegative() ? Duration.ZERO : uptime;
    }
}
