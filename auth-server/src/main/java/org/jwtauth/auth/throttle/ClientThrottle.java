package org.jwtauth.auth.throttle;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Brute-force protection of client authentication ({@code auth.client-throttle}): failures are
 * counted per client id at one address, and per address (apart from the login's address counter).
 * So a guessed secret gets a few tries per address, a flood of unknown ids from an address stops
 * costing a BCrypt check each once it reaches the address's limit, and nobody who knows a client's id
 * (the revocation feed's is in every resource service's configuration) can lock that client out from
 * elsewhere: client secrets are long and random, the per-address limit is what bounds the guessing.
 */
@Component
public class ClientThrottle extends Throttle {

    static final String REFUSAL = "Too many failed client authentications; try again later";

    public ClientThrottle(LoginThrottleStore store, AuthProperties properties, Clock clock, AuditLog audit) {
        super(new Kind("client_auth", "client_id", UnaryOperator.identity(), ThrottleKey::clientAt, ThrottleKey::clientAddress,
                REFUSAL), properties.clientThrottle(), store, clock, audit);
    }
}
