package org.jwtauth.resource.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator offers health to anyone, without details, and nothing else to anybody. */
class ActuatorTest extends SharedJwksContext {

    @Autowired
    PathMappedEndpoints endpoints;

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthAndProbesNeedNoToken(String path) {
        ResponseEntity<String> response = get(path, null);

        assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.has("components")).as("no component list").isFalse();
        assertThat(body.has("details")).as("no details").isFalse();
    }

    @Test
    void healthShowsNoDetailsEvenToAnAdmin() {
        String admin = Tokens.accessToken(KEY, clock.instant(), "admin", "USER", "ADMIN");

        ResponseEntity<String> response = get("/actuator/health", admin);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(json(response).has("components")).isFalse();
    }

    @Test
    void healthAnswersBrowsersWithoutHtml() {
        ResponseEntity<String> response = getWithAuthorization("/actuator/health", null, MediaType.TEXT_HTML);

        assertThat(response.getStatusCode().value()).isIn(200, 406);
        assertNotHtml(response);
    }

    @Test
    void onlyHealthIsExposed() {
        assertThat(endpoints.getAllPaths()).containsExactly("/actuator/health");
    }

    static final List<String> CLOSED = List.of("/actuator", "/actuator/", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
            "/actuator/threaddump", "/actuator/configprops", "/actuator/mappings", "/actuator/loggers", "/actuator/metrics",
            "/actuator/info", "/actuator/shutdown", "/actuator/health/../env", "/actuator;x=y/env", "/actuator/env/");

    @Test
    void everythingElseIsClosedWithoutAToken() {
        for (String path : CLOSED) {
            ResponseEntity<String> response = get(path, null);
            assertThat(response.getStatusCode().value()).as(path).isIn(400, 401, 404);
            assertNotHtml(response);
            assertThat(response.getBody() == null ? "" : response.getBody()).as(path)
                    .doesNotContain("activeProfiles", "propertySources", "contexts", "beans\"");
        }
        assertThat(challenge(get("/actuator/env", null))).startsWith("Bearer");
    }

    @Test
    void everythingElseIsClosedEvenToAnAdmin() {
        String admin = Tokens.accessToken(KEY, clock.instant(), "admin", "USER", "ADMIN");
        for (String path : CLOSED) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
                ResponseEntity<String> response = exchange(method, path, "Bearer " + admin);
                assertThat(response.getStatusCode().value()).as("%s %s", method, path).isIn(400, 403, 404);
                assertNotHtml(response);
                assertThat(response.getBody() == null ? "" : response.getBody()).as(path)
                        .doesNotContain("activeProfiles", "propertySources", "contexts", "beans\"");
            }
        }
    }
}
