package org.jwtauth.auth.hardening;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code auth.http.max-body-size} moves the limit. */
@TestPropertySource(properties = "auth.http.max-body-size=1KB")
class RequestBodyLimitConfigTest extends AbstractIntegrationTest {

    @Test
    void theConfiguredLimitApplies() {
        assertThat(http.postJson("/auth/refresh", RequestBodyLimitTest.paddedRefresh(1024)).status()).isEqualTo(400);
        RequestBodyLimitTest.assertTooLarge(http.postJson("/auth/refresh", RequestBodyLimitTest.paddedRefresh(1025)));
        // An ordinary login is far below even this limit.
        Http.Response login = loginResponse(ALICE, ALICE_PASSWORD);
        assertThat(login.status()).isEqualTo(200);
    }
}
