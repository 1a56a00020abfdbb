package org.jwtauth.resource.hardening;

import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.Tokens;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of answer carries the API's security headers: success, 401, 403 and error responses. */
class SecurityHeadersTest extends SharedJwksContext {

    @Autowired
    WebApplicationContext context;

    static void assertSecurityHeaders(ResponseEntity<String> response) {
        HttpHeaders h = response.getHeaders();
        assertThat(h.getFirst("Content-Security-Policy")).as("CSP; status %s", response.getStatusCode())
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(h.getFirst("Referrer-Policy")).as("Referrer-Policy").isEqualTo("no-referrer");
        // Spring Security's defaults are kept.
        assertThat(h.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(h.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(h.getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        // HSTS is only sent over HTTPS; these tests speak plain HTTP.
        assertThat(h.containsKey("Strict-Transport-Security")).isFalse();
        assertNotHtml(response);
    }

    @Test
    void publicEndpoint() {
        ResponseEntity<String> response = get("/api/public/ping", null);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertSecurityHeaders(response);
    }

    @Test
    void authenticatedEndpoint() {
        ResponseEntity<String> response = get("/api/me", Tokens.accessToken(KEY, clock.instant(), "alice", "USER"));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertSecurityHeaders(response);
    }

    @Test
    void missingAndInvalidTokens() {
        ResponseEntity<String> missing = get("/api/me", null);
        assertThat(missing.getStatusCode().value()).isEqualTo(401);
        assertSecurityHeaders(missing);

        ResponseEntity<String> invalid = get("/api/me", "not-a-token");
        assertThat(invalid.getStatusCode().value()).isEqualTo(401);
        assertSecurityHeaders(invalid);
    }

    @Test
    void insufficientScope() {
        ResponseEntity<String> response = get("/api/admin/stats", Tokens.accessToken(KEY, clock.instant(), "alice", "USER"));

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertSecurityHeaders(response);
    }

    @Test
    void errorResponses() {
        String token = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");

        ResponseEntity<String> notFound = getWithAuthorization("/api/nope", "Bearer " + token, MediaType.TEXT_HTML);
        assertThat(notFound.getStatusCode().value()).isEqualTo(404);
        assertSecurityHeaders(notFound);

        ResponseEntity<String> wrongMethod = exchange(HttpMethod.DELETE, "/api/public/ping", null);
        assertThat(wrongMethod.getStatusCode().value()).isEqualTo(405);
        assertSecurityHeaders(wrongMethod);
    }

    @Test
    void healthEndpoint() {
        ResponseEntity<String> response = get("/readyz", null);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertSecurityHeaders(response);
    }

    @Test
    void hstsIsSpringsDefaultAndOnlyOverHttps() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();

        String overHttps = mvc.perform(MockMvcRequestBuilders.get("/api/public/ping").secure(true))
                .andReturn().getResponse().getHeader("Strict-Transport-Security");
        String overHttp = mvc.perform(MockMvcRequestBuilders.get("/api/public/ping"))
                .andReturn().getResponse().getHeader("Strict-Transport-Security");

        assertThat(overHttps).isEqualTo("max-age=31536000 ; includeSubDomains");
        assertThat(overHttp).isNull();
    }
}
