package org.jwtauth.auth.error;

import org.springframework.http.HttpStatus;

/** 429: the client has to wait {@code retryAfterSeconds} (sent as {@code Retry-After}), whatever it sends meanwhile. */
public class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String description, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests", description);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
