package org.jwtauth.auth.hardening;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.auth.hardening.SecurityHeadersAssertions.assertSecurityHeaders;
import static org.jwtauth.auth.hardening.SecurityHeadersAssertions.assertSecurityHeadersOnCacheable;

/** Every kind of answer carries the security headers: public, token, 401, 403 and error responses. */
class SecurityHeadersTest extends AbstractIntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Test
    void publicEndpoints() {
        Http.Response jwks = http.get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertSecurityHeadersOnCacheable(jwks);
        assertThat(jwks.header("Cache-Control")).as("the key set stays cacheable").contains("public");

        Http.Response health = http.get("/readyz");
        assertThat(health.status()).isEqualTo(200);
        assertSecurityHeaders(health);
    }

    @Test
    void tokenResponse() {
        Http.Response login = loginResponse(ALICE, ALICE_PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        assertSecurityHeaders(login);
        assertThat(login.header("Cache-Control")).as("the token endpoint's own no-store stays").isEqualTo("no-store");
    }

    @Test
    void unauthorizedAndForbidden() {
        Http.Response noToken = http.get("/admin/users");
        assertThat(noToken.status()).isEqualTo(401);
        assertSecurityHeaders(noToken);

        Http.Response badToken = http.get("/admin/users", "not-a-token");
        assertThat(badToken.status()).isEqualTo(401);
        assertSecurityHeaders(badToken);

        Http.Response userToken = http.get("/admin/users", accessToken(ALICE, ALICE_PASSWORD));
        assertThat(userToken.status()).isEqualTo(401);
        assertSecurityHeaders(userToken);

        Http.Response forbidden = http.get("/admin/users", demotedAdminToken("demoted"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertSecurityHeaders(forbidden);
    }

    @Test
    void errorResponses() {
        Http.Response notFound = http.get("/auth/nope");
        assertThat(notFound.status()).isEqualTo(404);
        assertSecurityHeaders(notFound);

        Http.Response invalid = http.postJson("/auth/login", "{");
        assertThat(invalid.status()).isEqualTo(400);
        assertSecurityHeaders(invalid);

        Http.Response wrongMethod = http.get("/auth/login");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertSecurityHeaders(wrongMethod);

        Http.Response wrongType = http.send(HttpMethod.POST, "/auth/login", MediaType.TEXT_PLAIN, "x", null);
        assertThat(wrongType.status()).isEqualTo(415);
        assertSecurityHeaders(wrongType);

        Http.Response tooLarge = http.postJson("/auth/login", Map.of("username", ALICE, "password", "x".repeat(20 * 1024)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertSecurityHeaders(tooLarge);
    }

    @Test
    void hstsIsSpringsDefaultAndOnlyOverHttps() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();

        String overHttps = mvc.perform(MockMvcRequestBuilders.get("/.well-known/jwks.json").secure(true))
                .andReturn().getResponse().getHeader("Strict-Transport-Security");
        String overHttp = mvc.perform(MockMvcRequestBuilders.get("/.well-known/jwks.json"))
                .andReturn().getResponse().getHeader("Strict-Transport-Security");

        assertThat(overHttps).isEqualTo("max-age=31536000 ; includeSubDomains");
        assertThat(overHttp).isNull();
    }
}
