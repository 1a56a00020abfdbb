package org.jwtauth.auth.throttle;

import org.jwtauth.auth.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** What a refused login looks like on the wire. */
final class ThrottleAssertions {

    static final String BODY = "{\"error\":\"too_many_requests\",\"error_description\":\"Too many failed logins; try again later\"}";

    private ThrottleAssertions() {
    }

    static void assertThrottled(Http.Response r, long retryAfterSeconds) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(429);
        assertThat(r.header("Retry-After")).as("Retry-After of %s", r).isEqualTo(Long.toString(retryAfterSeconds));
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.headers().getContentType().toString()).startsWith("application/json");
    }
}
