package org.jwtauth.resource.hardening;

import org.jwtauth.resource.support.SharedJwksContext;
import org.jwtauth.resource.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who sets the management port to the API port, and moves the actuator under {@code /api}
 * too, still publishes neither health details nor the scrape: the actuator's deny rule comes before
 * {@code /api/**} (authenticated) in SecurityConfig, which lists the API's paths first for speed.
 * The probes stay public.
 */
@TestPropertySource(properties = "management.endpoints.web.base-path=/api/ops")
@ContextConfiguration(initializers = ActuatorOnTheApiPortTest.NoManagementServer.class)
class ActuatorOnTheApiPortTest extends SharedJwksContext {

    /** As if application.yml had no management.server block: the actuator then shares the API's port. */
    static class NoManagementServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            for (PropertySource<?> source : sources) {
                if (source instanceof MapPropertySource map && (map.containsProperty("management.server.port")
                        || map.containsProperty("management.server.address"))) {
                    Map<String, Object> without = new LinkedHashMap<>(map.getSource());
                    without.keySet().removeIf(name -> name.startsWith("management.server."));
                    sources.replace(map.getName(), map instanceof OriginTrackedMapPropertySource
                            ? new OriginTrackedMapPropertySource(map.getName(), without)
                            : new MapPropertySource(map.getName(), without));
                }
            }
        }
    }

    @Autowired
    PathMappedEndpoints endpoints;

    @Test
    void theActuatorIsServedUnderApiOnTheApiPort() {
        assertThat(managementPort).isEqualTo(rest.getRestTemplate().getUriTemplateHandler().expand("/").getPort());
        assertThat(endpoints.getAllPaths()).containsExactlyInAnyOrder("/api/ops/health", "/api/ops/prometheus");
    }

    @Test
    void itsEndpointsAreDeniedEvenToAnAdmin() {
        String user = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");
        String admin = Tokens.accessToken(KEY, clock.instant(), "admin", "USER", "ADMIN");
        for (String path : new String[] {"/api/ops/health", "/api/ops/health/readiness", "/api/ops/prometheus"}) {
            assertThat(get(path, null).getStatusCode().value()).as(path).isEqualTo(401);
            assertThat(get(path, user).getStatusCode().value()).as(path).isEqualTo(403);
            assertThat(get(path, admin).getStatusCode().value()).as(path).isEqualTo(403);
        }
    }

    @Test
    void theProbesAndTheApiWorkAsUsual() {
        assertThat(get("/livez", null).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/readyz", null).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/public/ping", null).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/hello", null).getStatusCode().value()).isEqualTo(401);
        String user = Tokens.accessToken(KEY, clock.instant(), "alice", "USER");
        assertThat(get("/api/hello", user).getStatusCode().value()).isEqualTo(200);
    }
}
