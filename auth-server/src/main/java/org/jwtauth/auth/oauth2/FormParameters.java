package org.jwtauth.auth.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import org.jwtauth.auth.error.ApiException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an OAuth POST endpoint, read the way RFC 6749 section 3.2 and RFCs 7009/7662
 * prescribe: an {@code application/x-www-form-urlencoded} body, each parameter at most once
 * (RFC 6749 section 3.1 "MUST NOT be included more than once"), an empty value counting as absent.
 * Nothing in the query string: credentials and tokens in URLs end up in logs.
 */
public final class FormParameters {

    /** Set by Tomcat on a request whose parameters it could not all parse (Globals.PARAMETER_PARSE_FAILED_ATTR). */
    static final String TOMCAT_PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = values;
    }

    /** @throws ApiException {@code invalid_request} for another content type, a query string, or a repeated parameter */
    public static FormParameters of(HttpServletRequest request) {
        if (!isForm(request.getContentType())) {
            throw ApiException.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
        }
        if (request.getQueryString() != null) {
            throw ApiException.invalidRequest("Parameters must be sent in the request body, not in the URL");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String[]> parameters = request.getParameterMap();
        if (request.getAttribute(TOMCAT_PARSE_FAILED) != null) {
            // Tomcat drops what it cannot decode (a bad %-escape, invalid UTF-8, too many parameters):
            // refuse the request rather than act on the rest, which could hide a repeated parameter.
            throw ApiException.invalidRequest("The form body is not correctly encoded");
        }
        parameters.forEach((name, given) -> {
            if (given.length > 1) {
                throw ApiException.invalidRequest("The parameter '" + printable(name) + "' must not be sent more than once");
            }
            if (given.length == 1 && !given[0].isEmpty()) {
                values.put(name, given[0]);
            }
        });
        return new FormParameters(values);
    }

    /** @return the value, or null when absent or empty */
    public String get(String name) {
        return values.get(name);
    }

    /** @throws ApiException {@code invalid_request} when absent, empty or longer than {@code maxLength} */
    public String require(String name, int maxLength) {
        String value = optional(name, maxLength);
        if (value == null || value.isBlank()) {
            throw ApiException.invalidRequest("The parameter '" + name + "' is missing");
        }
        return value;
    }

    /**
     * @return the value, or null when absent or empty
     * @throws ApiException {@code invalid_request} when longer than {@code maxLength}
     */
    public String optional(String name, int maxLength) {
        String value = values.get(name);
        if (value != null && value.length() > maxLength) {
            throw ApiException.invalidRequest("The parameter '" + name + "' is too long");
        }
        return value;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Parameter names come from the client; echo only harmless ones. */
    private static String printable(String name) {
        return name.matches("[A-Za-z0-9_.-]{1,64}") ? name : "?";
    }

    @Override
    public String toString() {
        return "FormParameters" + values.keySet();   // names only: values include secrets and tokens
    }
}
