package org.jwtauth.auth.throttle;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Brute-force protection of client authentication ({@code auth.client-throttle}): failures are
 * counted per client id and per client address (apart from the login's address counter), so a
 * guessed secret gets a few tries, and a flood of unknown ids stops costing a BCrypt check each.
 */
@Component
public class ClientThrottle extends Throttle {

    static final String REFUSAL = "Too many failed client authentications; try again later";

    public ClientThrottle(LoginThrottleStore store, AuthProperties properties, Clock clock, AuditLog audit) {
        super(new Kind("client_auth", "client_id", UnaryOperator.identity(), ThrottleKey::client, ThrottleKey::clientAddress,
                REFUSAL), properties.clientThrottle(), store, clock, audit);
    }
}
