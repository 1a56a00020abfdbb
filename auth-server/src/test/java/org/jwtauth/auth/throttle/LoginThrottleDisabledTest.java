package org.jwtauth.auth.throttle;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "auth.login-throttle.enabled=false")
class LoginThrottleDisabledTest extends AbstractIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void whenDisabledNothingIsCountedOrRefused() {
        for (int i = 0; i < 12; i++) {
            assertOAuthError(loginResponse(ALICE, "wrong-password"), 400, "invalid_grant");
        }

        login(ALICE, ALICE_PASSWORD);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_throttle").query(Long.class).single()).isZero();
    }
}
