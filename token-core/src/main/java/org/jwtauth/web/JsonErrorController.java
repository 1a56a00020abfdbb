package org.jwtauth.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import java.util.Map;

/**
 * Answers every error dispatch with JSON, whatever the Accept header: this is an API, and Boot's
 * default controller would otherwise fall through to the container's HTML page for browsers.
 * The body never includes exception messages or stack traces.
 */
@RestController
public class JsonErrorController implements ErrorController {

    private final ErrorAttributes errorAttributes;

    public JsonErrorController(ErrorAttributes errorAttributes) {
        this.errorAttributes = errorAttributes;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Map<String, Object> attributes = errorAttributes.getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
        HttpStatus status = attributes.get("status") instanceof Integer code && HttpStatus.resolve(code) != null
                ? HttpStatus.valueOf(code)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        // A preset content type bypasses content negotiation, so Accept: text/html cannot turn this into a 406.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(status.value()));
    }

    /** The RFC 6749 error shape both services use, plus the numeric status. */
    static Map<String, Object> body(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String error = status >= 500 ? "server_error" : status == 404 ? "not_found" : "invalid_request";
        return Map.of("error", error, "error_description", known != null ? known.getReasonPhrase() : "Error", "status", status);
    }
}
