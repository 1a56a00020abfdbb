package org.jwtauth.auth.user;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.jwtauth.auth.jdbc.JdbcTimes.instant;
import static org.jwtauth.auth.jdbc.JdbcTimes.utc;

/** Users in the {@code users} table. Roles are stored as a comma-separated list of validated names. */
@Repository
public class UserRepository {

    private static final RowMapper<User> MAPPER = (rs, i) -> map(rs, "");

    /** Whether the comma-separated {@code roles} column holds {@code :role} (role names are validated). */
    private static final String HAS_ROLE = "(',' || roles || ',') LIKE ('%,' || :role || ',%')";

    /**
     * A user from the current row, whose user columns carry {@code prefix} (e.g. {@code "u_"} in a
     * join, so they cannot clash with the other table's {@code id} or {@code revoked_at}).
     */
    public static User map(ResultSet rs, String prefix) throws SQLException {
        return new User(
                rs.getObject(prefix + "id", UUID.class),
                rs.getString(prefix + "username"),
                rs.getString(prefix + "password_hash"),
                Arrays.stream(rs.getString(prefix + "roles").split(",")).filter(r -> !r.isEmpty()).toList(),
                rs.getBoolean(prefix + "enabled"),
                instant(rs.getObject(prefix + "created_at", OffsetDateTime.class)),
                instant(rs.getObject(prefix + "revoked_at", OffsetDateTime.class)));
    }

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM users WHERE username = :username")
                .param("username", username).query(MAPPER).optional();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT * FROM users WHERE id = :id").param("id", id).query(MAPPER).optional();
    }

    public List<User> findAll() {
        return jdbc.sql("SELECT * FROM users ORDER BY username").query(MAPPER).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the username is taken */
    public void insert(User user) {
        jdbc.sql("""
                INSERT INTO users (id, username, password_hash, roles, enabled, created_at, revoked_at)
                VALUES (:id, :username, :hash, :roles, :enabled, :created, :revoked)""")
                .param("id", user.id())
                .param("username", user.username())
                .param("hash", user.passwordHash())
                .param("roles", String.join(",", user.roles()))
                .param("enabled", user.enabled())
                .param("created", utc(user.createdAt()))
                .param("revoked", utc(user.revokedAt()))
                .update();
    }

    /**
     * Queues this transaction behind any other that changes who may administer (V5's one-row
     * {@code admin_changes} table), until it ends.
     */
    public void lockAdminChanges() {
        jdbc.sql("SELECT id FROM admin_changes WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    /** A token's {@code sub}: the user's id, or nobody when it is not one. */
    public Optional<User> findBySubject(String subject) {
        try {
            return subject == null ? Optional.empty() : findById(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Enabled users with {@code role}, other than {@code except}. */
    public long countEnabledWithRole(String role, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE enabled = TRUE AND " + HAS_ROLE + " AND id <> :except")
                .param("role", role).param("except", except).query(Long.class).single();
    }

    public boolean disable(UUID id, Instant revokedAt) {
        return jdbc.sql("UPDATE users SET enabled = FALSE, revoked_at = :at WHERE id = :id")
                .param("at", utc(revokedAt)).param("id", id).update() == 1;
    }

    public boolean enable(UUID id) {
        return jdbc.sql("UPDATE users SET enabled = TRUE WHERE id = :id").param("id", id).update() == 1;
    }
}
