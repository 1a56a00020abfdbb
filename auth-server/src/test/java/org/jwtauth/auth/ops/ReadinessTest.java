package org.jwtauth.auth.ops;

import com.zaxxer.hikari.HikariDataSource;
import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the database, liveness does not: an unreachable database takes the instance out
 * of the load balancer but must not make the orchestrator restart it. The connection pool is closed,
 * so that every connection attempt fails at once as with an unreachable database (no waiting for
 * timeouts); this class's context is discarded afterwards anyway.
 */
class ReadinessTest extends AbstractIntegrationTest {

    @Autowired
    HikariDataSource dataSource;

    @LocalManagementPort
    int managementPort;

    @Test
    void readinessIsDownWithoutTheDatabaseAndLivenessStaysUp() {
        assertThat(http.get("/readyz").status()).isEqualTo(200);

        dataSource.close();

        Http.Response ready = http.get("/readyz");
        assertThat(ready.status()).as("%s", ready).isEqualTo(503);
        assertThat(ready.field("status")).isEqualTo("DOWN");
        assertThat(ready.body()).as("no details on the public port").doesNotContain("db", "Hikari", "closed");
        assertThat(http.get("/livez").status()).isEqualTo(200);

        Http.Response details = new Http(managementPort).get("/actuator/health");
        assertThat(details.status()).isEqualTo(503);
        assertThat(details.json().get("components").get("db").get("status").asText()).isEqualTo("DOWN");
        assertThat(details.json().get("components").get("signingKey").get("status").asText()).isEqualTo("UP");
    }
}
