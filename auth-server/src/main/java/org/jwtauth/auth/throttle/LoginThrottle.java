package org.jwtauth.auth.throttle;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.user.UserNames;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Brute-force protection of the password login ({@code auth.login-throttle}): failures are counted
 * per normalised username and per client address.
 */
@Component
public class LoginThrottle extends Throttle {

    static final String REFUSAL = "Too many failed logins; try again later";

    public LoginThrottle(LoginThrottleStore store, AuthProperties properties, Clock clock, AuditLog audit) {
        super(new Kind("login", "user", UserNames::normalise, (name, address) -> ThrottleKey.user(name), ThrottleKey::address,
                REFUSAL),
                properties.loginThrottle(), store, clock, audit);
    }
}
