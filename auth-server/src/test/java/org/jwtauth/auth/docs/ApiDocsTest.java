package org.jwtauth.auth.docs;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description matches the real endpoints, says how to authenticate and how errors look; the UI loads. */
class ApiDocsTest extends AbstractIntegrationTest {

    static final String SWAGGER_UI_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    JsonNode apiDocs() {
        Http.Response r = http.get("/v3/api-docs");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Content-Security-Policy")).as("the JSON keeps the strict policy")
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        return r.json();
    }

    /** "METHOD /path" of every endpoint our controllers map. */
    Set<String> realEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("org.jwtauth.auth")) {
                for (String path : info.getPatternValues()) {
                    info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + path));
                }
            }
        });
        return endpoints;
    }

    @Test
    void documentedPathsAreExactlyTheRealEndpoints() {
        Set<String> documented = new TreeSet<>();
        apiDocs().get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                operation -> documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(documented).isEqualTo(realEndpoints())
                .contains("POST /auth/login", "POST /auth/refresh", "POST /auth/logout", "GET /.well-known/jwks.json",
                        "GET /admin/users", "POST /admin/users", "POST /admin/users/{username}/revoke");
    }

    @Test
    void theAdminApiNeedsABearerTokenAndTheGrantsDoNot() {
        JsonNode docs = apiDocs();
        JsonNode scheme = docs.at("/components/securitySchemes/bearer");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asText()).isEqualTo("JWT");

        JsonNode revoke = docs.at("/paths/~1admin~1users~1{username}~1revoke/post");
        assertThat(revoke.at("/security/0").has("bearer")).isTrue();
        assertThat(revoke.at("/responses/401/headers").has("WWW-Authenticate")).isTrue();
        assertThat(revoke.at("/responses/403/description").asText()).contains("insufficient_scope");
        assertThat(revoke.at("/responses/404/content/application~1json/schema/$ref").asText()).endsWith("/OAuthError");
        assertThat(docs.at("/paths/~1auth~1login/post").has("security")).isFalse();
    }

    @Test
    void grantErrorsAreRfc6749Bodies() {
        JsonNode docs = apiDocs();
        JsonNode login = docs.at("/paths/~1auth~1login/post/responses");
        assertThat(login.at("/400/description").asText()).contains("invalid_request", "invalid_grant");
        assertThat(login.at("/400/content/application~1json/schema/$ref").asText()).endsWith("/OAuthError");
        assertThat(login.at("/429/headers").has("Retry-After")).isTrue();
        assertThat(docs.at("/paths/~1auth~1refresh/post/responses/400/description").asText()).contains("invalid_grant");
        JsonNode error = docs.at("/components/schemas/OAuthError");
        assertThat(error.path("properties").has("error_description")).as("%s", docs.get("components")).isTrue();
    }

    @Test
    void schemasUseTheWireNames() {
        JsonNode properties = apiDocs().at("/components/schemas/TokenResponse/properties");
        assertThat(properties.has("access_token")).as("%s", properties).isTrue();
        assertThat(properties.has("refresh_expires_in")).isTrue();
        assertThat(properties.has("accessToken")).isFalse();
    }

    @Test
    void swaggerUiLoadsWithoutATokenUnderItsOwnLooserPolicyOnly() {
        Http.Response entry = http.get("/swagger-ui.html");
        assertThat(entry.status()).as("%s", entry).isEqualTo(302);
        assertThat(entry.header("Location")).endsWith("/swagger-ui/index.html");

        Http.Response page = http.get("/swagger-ui/index.html");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(SWAGGER_UI_CSP);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");

        Http.Response config = http.get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("url").asText()).isEqualTo("/v3/api-docs");

        // the looser policy is for the UI's pages only, not for the API next to it
        assertThat(http.get("/.well-known/jwks.json").header("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(http.get("/swagger-uiX").header("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }
}
