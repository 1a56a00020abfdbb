package org.jwtauth.auth.client;

import org.jwtauth.auth.error.ErrorResponse;
import org.jwtauth.auth.http.NoStore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failed client authentication: RFC 6749 section 5.2 asks for 401 and a challenge for the scheme the
 * client may use. Ordered before the general {@code ApiErrorHandler}, whose {@code ApiException}
 * handler would otherwise answer without the header.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientAuthenticationErrorHandler {

    static final String CHALLENGE = "Basic realm=\"" + ClientAuthenticator.REALM + "\", charset=\"UTF-8\"";

    @ExceptionHandler(InvalidClientException.class)
    ResponseEntity<ErrorResponse> invalidClient(InvalidClientException e) {
        return NoStore.status(e.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(e.error(), e.getMessage()));
    }
}
