package org.jwtauth.resource.support;

import org.jwtauth.token.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the whole service on a random port with a {@link MutableClock}; subclasses point it at their
 * own JWK Set (or PEM file) with a {@code @DynamicPropertySource}. Requests go over real HTTP. Metrics
 * are exported as in production (Spring Boot switches that off in tests by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ContextConfiguration(initializers = MutableClockInitializer.class)
public abstract class ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    protected TestRestTemplate rest;

    @Autowired
    protected MutableClock clock;

    @LocalManagementPort
    protected int managementPort;

    /** A URL on the management port (loopback only in production): health with details, the scrape. */
    protected String management(String path) {
        return "http://localhost:" + managementPort + path;
    }

    protected ResponseEntity<String> get(String path, String bearerToken) {
        return getWithAuthorization(path, bearerToken == null ? null : "Bearer " + bearerToken);
    }

    protected ResponseEntity<String> getWithAuthorization(String path, String authorization, MediaType... accept) {
        return exchange(HttpMethod.GET, path, authorization, accept);
    }

    protected ResponseEntity<String> exchange(HttpMethod method, String path, String authorization, MediaType... accept) {
        HttpHeaders headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (accept.length > 0) {
            headers.setAccept(List.of(accept));
        }
        return rest.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    protected static JsonNode json(ResponseEntity<String> response) {
        assertThat(response.getHeaders().getContentType()).as("content type")
                .isNotNull()
                .satisfies(t -> assertThat(t.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    protected static String challenge(ResponseEntity<String> response) {
        return response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
    }

    /** RFC 6750 section 3.1: 401 with a Bearer challenge naming invalid_token, and no HTML anywhere. */
    protected static void assertInvalidToken(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as("status; body=%s", response.getBody()).isEqualTo(401);
        assertThat(challenge(response)).startsWith("Bearer error=\"invalid_token\"").contains("error_description=\"");
        assertNotHtml(response);
    }

    protected static void assertNotHtml(ResponseEntity<String> response) {
        MediaType type = response.getHeaders().getContentType();
        assertThat(type == null || !type.isCompatibleWith(MediaType.TEXT_HTML)).as("content type %s", type).isTrue();
        assertThat(response.getBody() == null ? "" : response.getBody()).doesNotContainIgnoringCase("<html");
    }
}
