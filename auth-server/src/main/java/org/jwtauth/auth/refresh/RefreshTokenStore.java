package org.jwtauth.auth.refresh;

import org.jwtauth.auth.user.User;
import org.jwtauth.auth.user.UserRepository;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static org.jwtauth.auth.jdbc.JdbcTimes.instant;
import static org.jwtauth.auth.jdbc.JdbcTimes.utc;

/**
 * Refresh tokens in the {@code refresh_tokens} table. State changes are conditional UPDATEs so that
 * the database, not a JVM lock, decides which of two concurrent rotations wins.
 */
@Repository
public class RefreshTokenStore {

    private static final RowMapper<StoredRefreshToken> MAPPER = (rs, i) -> new StoredRefreshToken(
            rs.getObject("id", UUID.class),
            rs.getString("token_hash"),
            rs.getObject("family_id", UUID.class),
            rs.getObject("user_id", UUID.class),
            instant(rs.getObject("issued_at", OffsetDateTime.class)),
            instant(rs.getObject("expires_at", OffsetDateTime.class)),
            instant(rs.getObject("rotated_at", OffsetDateTime.class)),
            instant(rs.getObject("revoked_at", OffsetDateTime.class)),
            rs.getString("scope"));

    private final JdbcClient jdbc;

    public RefreshTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredRefreshToken token) {
        jdbc.sql("""
                INSERT INTO refresh_tokens (id, token_hash, family_id, user_id, issued_at, expires_at, scope)
                VALUES (:id, :hash, :family, :user, :issued, :expires, :scope)""")
                .param("id", token.id())
                .param("hash", token.tokenHash())
                .param("family", token.familyId())
                .param("user", token.userId())
                .param("issued", utc(token.issuedAt()))
                .param("expires", utc(token.expiresAt()))
                .param("scope", token.scope())
                .update();
    }

    public Optional<StoredRefreshToken> findByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM refresh_tokens WHERE token_hash = :hash")
                .param("hash", tokenHash).query(MAPPER).optional();
    }

    /**
     * The token with its user in one statement: a refresh needs both, and one round trip through the
     * database (parse, plan, lock, read) is cheaper than two. The user is null if it no longer exists.
     */
    public Optional<WithUser> findWithUserByHash(String tokenHash) {
        return jdbc.sql("""
                SELECT t.*, u.id AS u_id, u.username AS u_username, u.password_hash AS u_password_hash,
                       u.roles AS u_roles, u.enabled AS u_enabled, u.created_at AS u_created_at,
                       u.revoked_at AS u_revoked_at
                FROM refresh_tokens t LEFT JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = :hash""")
                .param("hash", tokenHash)
                .query((rs, i) -> new WithUser(MAPPER.mapRow(rs, i),
                        rs.getObject("u_id", UUID.class) == null ? null : UserRepository.map(rs, "u_")))
                .optional();
    }

    /** A stored token and its user ({@code null} when the user is gone). */
    public record WithUser(StoredRefreshToken token, User user) {
    }

    /** @return true only for the one caller that moved the token from live to rotated */
    public boolean markRotated(UUID id, Instant at) {
        return jdbc.sql("UPDATE refresh_tokens SET rotated_at = :at WHERE id = :id AND rotated_at IS NULL AND revoked_at IS NULL")
                .param("at", utc(at)).param("id", id).update() == 1;
    }

    public int revokeFamily(UUID familyId, Instant at, String reason) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = :at, revoke_reason = :reason WHERE family_id = :family AND revoked_at IS NULL")
                .param("at", utc(at)).param("reason", reason).param("family", familyId).update();
    }

    /** Revokes the user's live tokens (rotated ones are dead already) and returns how many there were. */
    public int revokeAllOfUser(UUID userId, Instant at, String reason) {
        return jdbc.sql("""
                UPDATE refresh_tokens SET revoked_at = :at, revoke_reason = :reason
                WHERE user_id = :user AND revoked_at IS NULL AND rotated_at IS NULL""")
                .param("at", utc(at)).param("reason", reason).param("user", userId).update();
    }

    /**
     * Deletes tokens past their (family's absolute) expiry: they can never be exchanged again, and
     * reuse detection only needs rotated tokens while their family could still be refreshed.
     */
    public int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at <= :now").param("now", utc(now)).update();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM refresh_tokens").query(Long.class).single();
    }
}
