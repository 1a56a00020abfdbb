package org.jwtauth.auth.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.auth.hardening.SecurityHeadersAssertions.assertNoInternals;

/** The actuator offers health (and the probes) to anyone, without details, and nothing else to anybody. */
class ActuatorTest extends AbstractIntegrationTest {

    static final List<String> CLOSED = List.of("/actuator", "/actuator/", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
            "/actuator/threaddump", "/actuator/configprops", "/actuator/mappings", "/actuator/loggers", "/actuator/metrics",
            "/actuator/info", "/actuator/flyway", "/actuator/shutdown", "/actuator/env/", "/actuator/env.json");

    @Autowired
    PathMappedEndpoints endpoints;

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthAndProbesNeedNoToken(String path) {
        Http.Response r = http.get(path);

        assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.has("components")).as("no components (database, disk) in %s", r).isFalse();
        assertThat(body.has("details")).isFalse();
    }

    @Test
    void healthShowsNoDetailsEvenToAnAdmin() {
        Http.Response r = http.get("/actuator/health", adminToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("components")).isFalse();
        assertThat(r.body()).doesNotContain("h2", "H2", "diskSpace", "db");
    }

    @Test
    void healthIsNeverHtml() {
        Http.Response r = http.send(HttpMethod.GET, "/actuator/health", null, null, null);
        assertNoInternals(r);
        var client = org.springframework.web.client.RestClient.builder().baseUrl("http://localhost:" + port).build();
        Http.Response browser = client.get().uri("/actuator/health").accept(MediaType.TEXT_HTML)
                .exchange((req, res) -> new Http.Response(res.getStatusCode().value(), res.getHeaders(),
                        new String(res.getBody().readAllBytes())));
        assertThat(browser.status()).isIn(200, 406);
        assertNoInternals(browser);
    }

    @Test
    void onlyHealthIsExposed() {
        assertThat(endpoints.getAllPaths()).containsExactly("/actuator/health");
    }

    @Test
    void everythingElseIsClosedWithoutAToken() {
        for (String path : CLOSED) {
            Http.Response r = http.get(path);
            assertThat(r.status()).as("GET %s: %s", path, r).isIn(401, 404);
            assertNoInternals(r);
        }
        assertThat(http.get("/actuator/env").header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void everythingElseIsClosedEvenToAnAdmin() {
        String admin = adminToken();
        for (String path : CLOSED) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
                Http.Response r = http.send(method, path, method == HttpMethod.POST ? MediaType.APPLICATION_JSON : null,
                        method == HttpMethod.POST ? "{}" : null, admin);
                assertThat(r.status()).as("%s %s: %s", method, path, r).isIn(403, 404);
                assertNoInternals(r);
                assertThat(r.body()).doesNotContain("propertySources", "activeProfiles", "contexts");
            }
        }
    }
}
