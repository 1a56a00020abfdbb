package org.jwtauth.auth.error;

/** RFC 6749 section 5.2 error body. */
public record ErrorResponse(String error, String errorDescription) {
}
