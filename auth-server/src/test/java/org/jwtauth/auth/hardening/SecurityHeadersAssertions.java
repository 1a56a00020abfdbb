package org.jwtauth.auth.hardening;

import org.jwtauth.auth.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** The security headers every answer of the auth server carries, and no HTML or stack trace. */
final class SecurityHeadersAssertions {

    private SecurityHeadersAssertions() {
    }

    /** The headers, and Cache-Control no-store: everything but the (deliberately cacheable) JWKS. */
    static void assertSecurityHeaders(Http.Response r) {
        assertSecurityHeadersOnCacheable(r);
        assertThat(r.header("Cache-Control")).as("%s", r).contains("no-store");
    }

    static void assertSecurityHeadersOnCacheable(Http.Response r) {
        assertThat(r.header("Content-Security-Policy")).as("CSP of %s", r).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(r.header("Referrer-Policy")).as("Referrer-Policy of %s", r).isEqualTo("no-referrer");
        // Spring Security's defaults are kept.
        assertThat(r.header("X-Content-Type-Options")).as("%s", r).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).as("%s", r).isEqualTo("DENY");
        // HSTS only goes out over HTTPS; the tests speak plain HTTP.
        assertThat(r.headers().containsKey("Strict-Transport-Security")).as("%s", r).isFalse();
        assertNoInternals(r);
    }

    static void assertNoInternals(Http.Response r) {
        String type = r.header("Content-Type");
        assertThat(type == null ? "" : type).as("%s", r).doesNotContainIgnoringCase("html");
        String body = r.body() == null ? "" : r.body();
        assertThat(body).as("%s", r).doesNotContainIgnoringCase("<html").doesNotContain("Exception", "\tat ", "org.springframework");
    }
}
