package org.jwtauth.auth.revocation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.jwtauth.auth.jdbc.JdbcTimes.instant;
import static org.jwtauth.auth.jdbc.JdbcTimes.utc;

/** Reads the users' latest revocation times ({@code users.revoked_at}, set by the admin revoke). */
@Repository
class RevokedUsers {

    record Revoked(UUID userId, Instant revokedAt) {
    }

    private final JdbcClient jdbc;

    RevokedUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Users whose latest revocation is at or after {@code since}, oldest first. */
    List<Revoked> since(Instant since) {
        return jdbc.sql("SELECT id, revoked_at FROM users WHERE revoked_at >= :since ORDER BY revoked_at, id")
                .param("since", utc(since))
                .query((rs, i) -> new Revoked(rs.getObject("id", UUID.class), instant(rs.getObject("revoked_at", OffsetDateTime.class))))
                .list();
    }
}
