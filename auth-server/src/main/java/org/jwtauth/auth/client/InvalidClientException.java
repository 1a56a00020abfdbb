package org.jwtauth.auth.client;

import org.jwtauth.auth.error.ApiException;
import org.springframework.http.HttpStatus;

/**
 * RFC 6749 section 5.2 {@code invalid_client}: 401 with a {@code WWW-Authenticate: Basic} challenge
 * (see {@link ClientAuthenticationErrorHandler}).
 */
public class InvalidClientException extends ApiException {

    public InvalidClientException(String description) {
        super(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }
}
