package org.jwtauth.resource.docs;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.support.SharedJwksContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description matches the real endpoints and says which need a token; the UI loads without one. */
class ApiDocsTest extends SharedJwksContext {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String SWAGGER_UI_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    JsonNode apiDocs() {
        ResponseEntity<String> response = get("/v3/api-docs", null);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(API_CSP);
        return json(response);
    }

    Set<String> realEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("org.jwtauth.resource")) {
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
                .contains("GET /api/me", "GET /api/hello", "GET /api/admin/stats", "GET /api/public/ping");
    }

    @Test
    void protectedEndpointsNeedABearerTokenAndAnswerWithRfc6750Challenges() {
        JsonNode docs = apiDocs();
        JsonNode scheme = docs.at("/components/securitySchemes/bearer");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asText()).isEqualTo("JWT");

        JsonNode me = docs.at("/paths/~1api~1me/get");
        assertThat(me.at("/security/0").has("bearer")).isTrue();
        assertThat(me.at("/responses/401/headers").has("WWW-Authenticate")).isTrue();
        assertThat(me.at("/responses/401/description").asText()).contains("invalid_token");
        assertThat(docs.at("/paths/~1api~1admin~1stats/get/responses/403/description").asText()).contains("insufficient_scope");
        assertThat(docs.at("/paths/~1api~1public~1ping/get").has("security")).as("ping is public").isFalse();
        assertThat(docs.at("/paths/~1api~1public~1ping/get/responses").has("401")).isFalse();
    }

    @Test
    void swaggerUiLoadsWithoutATokenUnderItsOwnLooserPolicyOnly() {
        ResponseEntity<String> entry = get("/swagger-ui.html", null);
        assertThat(entry.getStatusCode().value()).isIn(200, 302);

        ResponseEntity<String> page = get("/swagger-ui/index.html", null);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("swagger-ui");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(SWAGGER_UI_CSP);

        assertThat(get("/api/public/ping", null).getHeaders().getFirst("Content-Security-Policy")).isEqualTo(API_CSP);
        assertThat(get("/swagger-uiX", null).getHeaders().getFirst("Content-Security-Policy")).isEqualTo(API_CSP);
    }
}
