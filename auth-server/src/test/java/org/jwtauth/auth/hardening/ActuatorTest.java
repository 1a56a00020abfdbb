package org.jwtauth.auth.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.auth.hardening.SecurityHeadersAssertions.assertNoInternals;

/**
 * The public port offers the probes to anyone, without details, and no actuator endpoint at all.
 * Health with details and the Prometheus scrape are on the management port (loopback by default);
 * every other endpoint is off on both.
 */
class ActuatorTest extends AbstractIntegrationTest {

    static final List<String> CLOSED = List.of("/actuator", "/actuator/", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
            "/actuator/threaddump", "/actuator/configprops", "/actuator/mappings", "/actuator/loggers", "/actuator/metrics",
            "/actuator/info", "/actuator/flyway", "/actuator/shutdown", "/actuator/env/", "/actuator/env.json");

    /** What the management port serves; on the public port each of these must be closed too. */
    static final List<String> MANAGEMENT_ONLY = List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus");

    @Autowired
    PathMappedEndpoints endpoints;

    @Autowired
    ManagementServerProperties management;

    @LocalManagementPort
    int managementPort;

    Http managementHttp() {
        return new Http(managementPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/livez", "/readyz"})
    void probesNeedNoTokenAndShowNoDetails(String path) {
        Http.Response r = http.get(path);

        assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.has("components")).as("no components (database, key) in %s", r).isFalse();
        assertThat(body.has("details")).isFalse();
        assertThat(http.get(path, adminToken()).json().has("components")).as("not even for an admin").isFalse();
    }

    @Test
    void theManagementPortIsSeparateAndOnLoopbackByDefault() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.getAddress()).isNotNull();
        assertThat(management.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void metricsAndHealthDetailsAreNotOnThePublicPort() {
        String admin = adminToken();
        for (String path : MANAGEMENT_ONLY) {
            Http.Response anonymous = http.get(path);
            assertThat(anonymous.status()).as("GET %s: %s", path, anonymous).isIn(401, 404);
            assertNoInternals(anonymous);
            Http.Response asAdmin = http.get(path, admin);
            // (an admin token is read on the admin API only: elsewhere it is no more than no token)
            assertThat(asAdmin.status()).as("GET %s as admin: %s", path, asAdmin).isIn(401, 403, 404);
            assertThat(asAdmin.body()).doesNotContain("auth_logins", "jvm_", "signingKey");
        }
    }

    @Test
    void theManagementPortServesHealthWithItsComponentsAndThePrometheusScrape() {
        Http.Response health = managementHttp().get("/actuator/health");
        assertThat(health.status()).as("%s", health).isEqualTo(200);
        assertThat(health.json().get("components").has("db")).as("%s", health).isTrue();
        assertThat(health.json().get("components").get("signingKey").get("status").asText()).isEqualTo("UP");

        Http.Response readiness = managementHttp().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);

        Http.Response scrape = managementHttp().get("/actuator/prometheus");
        assertThat(scrape.status()).as("%s", scrape).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        assertThat(scrape.body()).contains("auth_logins_total{", "auth_refreshes_total{", "auth_refresh_reuse_detected_total",
                "auth_admin_token_validation_total{", "auth_admin_token_validation_latency_seconds_count", "jvm_memory_used_bytes");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() {
        assertThat(endpoints.getAllPaths()).containsExactlyInAnyOrder("/actuator/health", "/actuator/prometheus");
    }

    @Test
    void everythingElseIsClosedWithoutAToken() {
        for (Http client : List.of(http, managementHttp())) {
            for (String path : CLOSED) {
                Http.Response r = client.get(path);
                assertThat(r.status()).as("GET %s: %s", path, r).isIn(401, 404);
                assertNoInternals(r);
            }
        }
        assertThat(http.get("/actuator/env").header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void everythingElseIsClosedEvenToAnAdmin() {
        String admin = adminToken();
        for (Http client : List.of(http, managementHttp())) {
            for (String path : CLOSED) {
                for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
                    Http.Response r = client.send(method, path, method == HttpMethod.POST ? MediaType.APPLICATION_JSON : null,
                            method == HttpMethod.POST ? "{}" : null, admin);
                    assertThat(r.status()).as("%s %s: %s", method, path, r).isIn(401, 403, 404, 405);
                    assertNoInternals(r);
                    assertThat(r.body()).doesNotContain("propertySources", "activeProfiles", "contexts");
                }
            }
        }
    }

    @Test
    void probesAreNeverHtml() {
        var client = org.springframework.web.client.RestClient.builder().baseUrl("http://localhost:" + port).build();
        Http.Response browser = client.get().uri("/readyz").accept(MediaType.TEXT_HTML)
                .exchange((req, res) -> new Http.Response(res.getStatusCode().value(), res.getHeaders(),
                        new String(res.getBody().readAllBytes())));
        assertThat(browser.status()).isIn(200, 406);
        assertNoInternals(browser);
    }
}
