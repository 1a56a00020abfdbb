package org.jwtauth.auth.user;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.metrics.AuthMetrics;
import org.jwtauth.auth.metrics.AuthMetrics.LoginOutcome;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Checks a username and password. Unknown users, wrong passwords and disabled users get the same
 * answer, and an unknown user still costs one BCrypt comparison (against a dummy hash), so neither
 * the response nor its timing tells whether an account exists.
 */
@Component
public class Authenticator {

    static final String FAILURE = "Invalid username or password";

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final AuthMetrics metrics;
    private final String dummyHash;

    public Authenticator(UserRepository users, PasswordEncoder passwordEncoder, AuditLog audit, AuthMetrics metrics) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.metrics = metrics;
        this.dummyHash = passwordEncoder.encode("dummy-password-for-timing");
    }

    /** @throws ApiException {@code invalid_grant}, and only for bad credentials (callers count these as failures) */
    public User authenticate(String username, String password) {
        String name = UserNames.normalise(username);
        User user = UserNames.isValid(name) ? users.findByUsername(name).orElse(null) : null;
        boolean matches = matches(password, user == null ? dummyHash : user.passwordHash());
        if (user == null || !matches || !user.enabled()) {
            String reason = user == null ? "unknown_user" : !matches ? "bad_password" : "user_disabled";
            audit.repeatable("login_failure", name, "user", name, "reason", reason);
            // Only here is "disabled" told apart from bad credentials; the client sees neither.
            metrics.login(user != null && matches ? LoginOutcome.DISABLED : LoginOutcome.BAD_CREDENTIALS);
            throw ApiException.invalidGrant(FAILURE);
        }
        return user;
    }

    private boolean matches(String password, String hash) {
        // BCrypt only reads 72 bytes and Spring refuses longer input; hash a stand-in to keep the timing.
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            passwordEncoder.matches("x", hash);
            return false;
        }
        return passwordEncoder.matches(password, hash);
    }
}
