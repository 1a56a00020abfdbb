package org.jwtauth.auth.user;

import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.refresh.RefreshTokenStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/** User administration: create, list, revoke and re-enable. */
@Service
public class UserService {

    private static final Pattern ROLE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final UserRepository users;
    private final RefreshTokenStore refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final AuthProperties properties;
    private final Clock clock;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    /**
     * Admin changes of this process, one at a time, each committed before the next begins. The
     * database lock row alone serialises replicas, but H2 can hand its row lock to the next
     * transaction a moment before the previous commit is visible to it (seen under load).
     */
    private final ReentrantLock adminChanges = new ReentrantLock(true);

    public UserService(UserRepository users, RefreshTokenStore refreshTokens, PasswordEncoder passwordEncoder,
                       AuthProperties properties, Clock clock, AuditLog audit, TransactionTemplate tx) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
        this.tx = tx;
    }

    public User create(String username, String password, List<String> roles) {
        String name = UserNames.normalise(username);
        if (!UserNames.isAllowed(name)) {
            throw ApiException.invalidRequest(UserNames.RULE);
        }
        PasswordPolicy.check(name, password);
        User user = new User(UUID.randomUUID(), name, passwordEncoder.encode(password), normaliseRoles(roles), true,
                clock.instant(), null);
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A user with that username already exists");
        }
        audit.event("user_created", "user", name, "user_id", user.id(), "roles", String.join(",", user.roles()));
        return user;
    }

    public List<User> list() {
        return users.findAll();
    }

    /**
     * Disables the user and revokes every refresh token of theirs at once. Access tokens already
     * issued are not tracked and stay valid at resource services until they expire: that is the
     * revocation window (the admin API checks the database, so it refuses them at once).
     * <p>
     * Administration must stay possible: nobody revokes themselves, and the last enabled admin is
     * never revoked. Revocations queue up behind one lock and then read the admin and the target
     * afresh, so two admins revoking each other at the same moment cannot both succeed and leave none.
     *
     * @param actorId the admin doing it, or null for the server itself (which only the last-admin rule binds)
     * @throws ApiException 409 {@code conflict} for oneself or the last enabled admin, 403 {@code access_denied}
     *                      for an actor who is no enabled admin by the time it is their turn, 404 for an unknown user
     */
    public Revocation revoke(String username, UUID actorId) {
        if (find(username).id().equals(actorId)) {
            throw ApiException.conflict("You cannot revoke yourself; another admin has to");
        }
        adminChanges.lock();
        try {
            return tx.execute(status -> revokeLocked(username, actorId));
        } finally {
            adminChanges.unlock();
        }
    }

    private Revocation revokeLocked(String username, UUID actorId) {
        users.lockAdminChanges();
        User user = find(username);
        if (actorId != null && !users.findById(actorId).map(UserService::isEnabledAdmin).orElse(false)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "access_denied", "Your account is no longer an enabled admin");
        }
        if (isEnabledAdmin(user) && users.countEnabledWithRole(User.ADMIN_ROLE, user.id()) == 0) {
            throw ApiException.conflict("This is the last enabled admin; enable or create another admin first");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        users.disable(user.id(), now);
        int revoked = refreshTokens.revokeAllOfUser(user.id(), now, "user_revoked");
        // The newest token issued before this moment has exp = its iat (whole seconds) + TTL.
        Instant accessTokensValidUntil = now.truncatedTo(ChronoUnit.SECONDS).plus(properties.accessTokenTtl());
        audit.event("user_revoked", "user", user.username(), "user_id", user.id(), "refresh_tokens_revoked", revoked,
                "access_tokens_valid_until", accessTokensValidUntil);
        return new Revocation(find(username), revoked, accessTokensValidUntil);
    }

    @Transactional
    public User enable(String username) {
        User user = find(username);
        users.enable(user.id());
        audit.event("user_enabled", "user", user.username(), "user_id", user.id());
        return find(username);
    }

    private static boolean isEnabledAdmin(User user) {
        return user.enabled() && user.roles().contains(User.ADMIN_ROLE);
    }

    private User find(String username) {
        return users.findByUsername(UserNames.normalise(username))
                .orElseThrow(() -> ApiException.notFound("No such user"));
    }

    private static List<String> normaliseRoles(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            return List.of("USER");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String role : roles) {
            String r = role == null ? "" : role.strip().toUpperCase(Locale.ROOT);
            if (r.startsWith("ROLE_")) {
                r = r.substring("ROLE_".length());
            }
            if (!ROLE.matcher(r).matches()) {
                throw ApiException.invalidRequest("Each role must be 1 to 32 of A-Z, 0-9 and _ starting with a letter");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    /** What a revocation did, and until when the revoked user's access tokens may still be accepted. */
    public record Revocation(User user, int refreshTokensRevoked, Instant accessTokensValidUntil) {
    }
}
