package org.jwtauth.auth.error;

import org.springframework.http.HttpStatus;

/**
 * A client error answered with an RFC 6749 style body ({@code {"error","error_description"}}).
 * The description is shown to the client, so it must not reveal secrets or internal details.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public ApiException(HttpStatus status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    /** RFC 6749 5.2: bad credentials, or a refresh token that is invalid, expired or revoked. */
    public static ApiException invalidGrant(String description) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    /** RFC 6749 5.2: the requested scope is unknown, or more than the client or user may have. */
    public static ApiException invalidScope(String description) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_scope", description);
    }

    public static ApiException invalidRequest(String description) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", description);
    }

    public static ApiException conflict(String description) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", description);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
