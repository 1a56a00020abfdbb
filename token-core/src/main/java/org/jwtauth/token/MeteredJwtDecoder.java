package org.jwtauth.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jwtauth.token.InvalidAccessTokenException.Reason;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts every validation outcome and times every validation of the decoder it wraps; the decision
 * stays with the delegate. Meters, for a {@code name} of {@code resource.token.validation}:
 * <ul>
 *   <li>{@code resource.token.validation{outcome=valid|invalid, reason=none|expired|bad_signature|...}}: a counter,
 *   {@code reason} being {@link InvalidAccessTokenException.Reason#tag()} (or {@code none} for valid tokens);</li>
 *   <li>{@code resource.token.validation.latency}: a timer around the whole decode, cache hits included.</li>
 * </ul>
 * Tags never carry anything from the token, so their cardinality is fixed. Every combination is
 * registered up front, so that dashboards and alerts see zeros rather than missing series.
 */
public final class MeteredJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Counter valid;
    private final Map<Reason, Counter> invalid = new EnumMap<>(Reason.class);
    private final Timer latency;

    public MeteredJwtDecoder(JwtDecoder delegate, MeterRegistry registry, String name) {
        this.delegate = delegate;
        this.valid = counter(registry, name, "valid", "none");
        for (Reason reason : Reason.values()) {
            invalid.put(reason, counter(registry, name, "invalid", reason.tag()));
        }
        this.latency = Timer.builder(name + ".latency")
                .description("Time to validate one access token")
                .register(registry);
    }

    @Override
    public Jwt decode(String token) {
        long start = System.nanoTime();
        try {
            Jwt jwt = delegate.decode(token);
            valid.increment();
            return jwt;
        } catch (RuntimeException e) {
            invalid.get(InvalidAccessTokenException.reasonOf(e)).increment();
            throw e;
        } finally {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String outcome, String reason) {
        return Counter.builder(name)
                .description("Access tokens validated, by outcome and rejection reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
