package org.jwtauth.auth.keys;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code signingKey}, part of readiness: without a usable private key no login or
 * refresh can succeed, so the instance should get no traffic. Asks the store for its current key and
 * nothing else, so it keeps working however the store finds that key.
 */
@Component
public class SigningKeyHealthIndicator extends AbstractHealthIndicator {

    private final SigningKeyStore keys;

    public SigningKeyHealthIndicator(SigningKeyStore keys) {
        super("Signing key check failed");
        this.keys = keys;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        // An exception here (say, the store cannot reach its storage) makes the component DOWN.
        SigningKey key = keys.current();
        if (key == null || key.privateKey() == null) {
            builder.down().withDetail("reason", "no signing key");
            return;
        }
        // kid and algorithm are public (the JWKS shows them); details reach the management port only.
        builder.up().withDetail("kid", key.kid()).withDetail("algorithm", key.algorithm());
    }
}
