package org.jwtauth.resource.keys;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Health component {@code verificationKeys}, part of readiness: without a verification key every
 * token is refused, so the instance should get no traffic until the auth server's JWK Set has been
 * loaded. A cold source gets a (rate-limited) retry on each check, so readiness recovers by itself.
 */
@Component
public class VerificationKeysHealthIndicator extends AbstractHealthIndicator {

    private final InspectableKeySource keys;

    public VerificationKeysHealthIndicator(InspectableKeySource keys) {
        super("Verification key check failed");
        this.keys = keys;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        keys.loadIfEmpty();
        List<String> kids = keys.keyIds();
        // Key ids are public (the JWK Set lists them); details reach the management port only.
        (kids.isEmpty() ? builder.down().withDetail("reason", "no verification keys loaded") : builder.up())
                .withDetail("keys", kids);
        keys.lastSuccessfulFetch().ifPresent(at -> builder.withDetail("last_fetch", at.toString()));
    }
}
