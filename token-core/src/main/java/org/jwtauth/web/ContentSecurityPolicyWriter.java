package org.jwtauth.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The {@code Content-Security-Policy} of every answer: {@link #API_POLICY} (load nothing, be framed by
 * nobody) everywhere except on Swagger UI's own pages, which get {@link #SWAGGER_UI_POLICY}: scripts,
 * styles, images and fetches from this origin only. The OpenAPI JSON itself keeps the strict policy.
 */
public final class ContentSecurityPolicyWriter implements HeaderWriter {

    public static final String HEADER = "Content-Security-Policy";

    /** A JSON API loads nothing and is framed by nobody. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /**
     * What the Swagger UI page needs and no more: its bundled scripts and styles (its React components
     * set inline styles), its data: icons, and fetches of the API description and "try it out" calls
     * from this origin. No inline or foreign scripts, no framing, no form posts, no base-URI tricks.
     */
    public static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** springdoc's default Swagger UI paths: the redirecting entry page and the UI's resources. */
    private static final RequestMatcher SWAGGER_UI = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"),
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"));

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, SWAGGER_UI.matches(request) ? SWAGGER_UI_POLICY : API_POLICY);
        }
    }
}
