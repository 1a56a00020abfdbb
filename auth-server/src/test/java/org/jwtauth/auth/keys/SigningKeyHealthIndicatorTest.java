package org.jwtauth.auth.keys;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class SigningKeyHealthIndicatorTest {

    final SigningKeyStore store = mock(SigningKeyStore.class);
    final SigningKeyHealthIndicator indicator = new SigningKeyHealthIndicator(store);

    @Test
    void upWithTheKeyIdWhenThereIsAKey() {
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        when(store.current()).thenReturn(new SigningKey("kid-1", "RS256", pair.getPrivate(), pair.getPublic()));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("kid", "kid-1").containsEntry("algorithm", "RS256");
        assertThat(health.toString()).doesNotContain("PRIVATE", pair.getPrivate().toString());
    }

    @Test
    void downWithoutAKey() {
        when(store.current()).thenReturn(null);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void downWhenTheStoreFails() {
        when(store.current()).thenThrow(new IllegalStateException("key storage unreachable"));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
