package org.jwtauth.resource.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public port offers the probes to anyone, without details, and no actuator endpoint at all.
 * Health with details and the Prometheus scrape are on the management port (loopback by default);
 * every other endpoint is off on both.
 */
class ActuatorTest extends SharedJwksContext {

    static final List<String> CLOSED = List.of("/actuator", "/actuator/", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
            "/actuator/threaddump", "/actuator/configprops", "/actuator/mappings", "/actuator/loggers", "/actuator/metrics",
            "/actuator/info", "/actuator/shutdown", "/actuator/health/../env", "/actuator;x=y/env", "/actuator/env/");

    static final List<String> MANAGEMENT_ONLY = List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus");

    @Autowired
    PathMappedEndpoints endpoints;

    @Autowired
    ManagementServerProperties management;

    @LocalManagementPort
    int managementPort;

    String onManagementPort(String path) {
        return "http://localhost:" + managementPort + path;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/livez", "/readyz"})
    void probesNeedNoTokenAndShowNoDetails(String path) {
        ResponseEntity<String> response = get(path, null);

        assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.has("components")).as("no component list").isFalse();
        assertThat(body.has("details")).as("no details").isFalse();
        String admin = Tokens.accessToken(KEY, clock.instant(), "admin", "USER", "ADMIN");
        assertThat(json(get(path, admin)).has("components")).as("not even for an admin").isFalse();
    }

    @Test
    void theManagementPortIsSeparateAndOnLoopbackByDefault() {
        assertThat(management.getAddress()).isNotNull();
        assertThat(management.getAddress().isLoopbackAddress()).isTrue();
        assertThat(get(onManagementPort("/livez"), null).getStatusCode().value()).as("probes are on the public port").isEqualTo(404);
    }

    @Test
    void metricsAndHealthDetailsAreNotOnThePublicPort() {
        String admin = Tokens.accessToken(KEY, clock.instant(), "admin", "USER", "ADMIN");
        for (String path : MANAGEMENT_ONLY) {
            ResponseEntity<String> anonymous = get(path, null);
            assertThat(anonymous.getStatusCode().value()).as(path).isIn(401, 404);
            assertNotHtml(anonymous);
            ResponseEntity<String> asAdmin = get(path, admin);
            assertThat(asAdmin.getStatusCode().value()).as(path).isIn(403, 404);
            assertThat(asAdmin.getBody() == null ? "" : asAdmin.getBody()).doesNotContain("resource_token", "jvm_", "verificationKeys");
        }
    }

    @Test
    void theManagementPortServesHealthWithItsComponentsAndThePrometheusScrape() {
        ResponseEntity<String> health = get(onManagementPort("/actuator/health"), null);
        assertThat(health.getStatusCode().value()).as("%s", health).isEqualTo(200);
        JsonNode keys = json(health).get("components").get("verificationKeys");
        assertThat(keys.get("status").asText()).isEqualTo("UP");
        assertThat(keys.get("details").get("keys").get(0).asText()).isEqualTo(KEY.kid());

        ResponseEntity<String> scrape = get(onManagementPort("/actuator/prometheus"), null);
        assertThat(scrape.getStatusCode().value()).as("%s", scrape).isEqualTo(200);
        assertThat(scrape.getBody()).contains("resource_token_validation_total{", "resource_token_validation_latency_seconds_count",
                "jvm_memory_used_bytes");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        assertThat(endpoints.getAllPaths()).containsExactlyInAnyOrder("/actuator/health", "/actuator/prometheus");
    }

    @Test
    void everythingElseIsClosedWithoutAToken() {
        for (String path : CLOSED) {
            for (String url : List.of(path, onManagementPort(path))) {
                ResponseEntity<String> response = get(url, null);
                assertThat(response.getStatusCode().value()).as(url).isIn(400, 401, 404);
                assertNotHtml(response);
                assertThat(response.getBody() == null ? "" : response.getBody()).as(url)
                        .doesNotContain("activeProfiles", "propertySources", "contexts", "beans\"");
            }
        }
        assertThat(challenge(get("/actuator/env", null))).startsWith("Bearer");
    }

    @Test
    void everythingElseIsClosedEvenToAnAdmin() {
        String admin = Tokens.accessToken(KEY, clock.instant(), "admin", "USER", "ADMIN");
        for (String path : CLOSED) {
            for (String url : List.of(path, onManagementPort(path))) {
                for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
                    ResponseEntity<String> response = exchange(method, url, "Bearer " + admin);
                    assertThat(response.getStatusCode().value()).as("%s %s", method, url).isIn(400, 403, 404, 405);
                    assertNotHtml(response);
                    assertThat(response.getBody() == null ? "" : response.getBody()).as(url)
                            .doesNotContain("activeProfiles", "propertySources", "contexts", "beans\"");
                }
            }
        }
    }

    @Test
    void probesAnswerBrowsersWithoutHtml() {
        ResponseEntity<String> response = getWithAuthorization("/readyz", null, MediaType.TEXT_HTML);

        assertThat(response.getStatusCode().value()).isIn(200, 406);
        assertNotHtml(response);
    }
}
