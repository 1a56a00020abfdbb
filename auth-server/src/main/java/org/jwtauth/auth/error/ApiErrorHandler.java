package org.jwtauth.auth.error;

import org.jwtauth.auth.http.NoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 6749 style JSON body with the right status: never a stack trace,
 * a framework error page or a 500 for bad input.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorResponse> api(ApiException e) {
        return body(e.status(), e.error(), e.getMessage());
    }

    /** More specific than {@link ApiException}, so it wins for a 429: the client also learns how long to wait. */
    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ErrorResponse> tooManyRequests(TooManyRequestsException e) {
        return builder(e.status()).header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(new ErrorResponse(e.error(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorResponse> invalidField(MethodArgumentNotValidException e) {
        FieldError field = e.getBindingResult().getFieldError();
        String description = field == null ? "The request is invalid"
                : "Invalid or missing field '" + toSnakeCase(field.getField()) + "': " + field.getDefaultMessage();
        return body(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorResponse> invalidParameter(HandlerMethodValidationException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid_request", "The request is invalid");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid_request", "The request body is missing or is not valid JSON of the expected shape");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request", "Content-Type must be application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return body(HttpStatus.NOT_ACCEPTABLE, "invalid_request", "Responses are application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorResponse> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request", "Method " + e.getMethod() + " is not supported here");
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ErrorResponse> notFound(Exception e) {
        return body(HttpStatus.NOT_FOUND, "not_found", "No such endpoint");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "The server could not complete the request");
    }

    private static ResponseEntity<ErrorResponse> body(HttpStatus status, String error, String description) {
        return builder(status).body(new ErrorResponse(error, description));
    }

    private static ResponseEntity.BodyBuilder builder(HttpStatus status) {
        // RFC 6749 5.1/5.2: responses of the token endpoints must not be cached.
        // A preset content type skips negotiation: the body is JSON even for Accept: text/html.
        return NoStore.status(status)
                .contentType(MediaType.APPLICATION_JSON);
    }

    private static String toSnakeCase(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
