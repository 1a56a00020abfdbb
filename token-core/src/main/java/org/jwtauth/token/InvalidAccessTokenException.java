package org.jwtauth.token;

/**
 * A token failed validation. The message is safe to show to the client (it goes into the RFC 6750
 * {@code error_description}), so it must never echo any part of the token.
 */
public class InvalidAccessTokenException extends RuntimeException {

    public InvalidAccessTokenException(String description) {
        super(description);
    }

    public InvalidAccessTokenException(String description, Throwable cause) {
        super(description, cause);
    }
}
