package org.jwtauth.auth.throttle;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.jwtauth.auth.jdbc.JdbcTimes.instant;
import static org.jwtauth.auth.jdbc.JdbcTimes.utc;

/**
 * Failure counters in the {@code login_throttle} table. The database, not a JVM lock, serialises
 * concurrent updates of one key, so every replica on the database sees and counts every failure.
 */
@Repository
public class LoginThrottleStore {

    /** Enough for a burst of concurrent first failures of one key; each round lets at least one through. */
    private static final int MAX_ATTEMPTS = 5;

    private static final RowMapper<ThrottleState> MAPPER = (rs, i) -> new ThrottleState(
            rs.getInt("failures"),
            instant(rs.getObject("locked_until", OffsetDateTime.class)),
            instant(rs.getObject("expires_at", OffsetDateTime.class)));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public LoginThrottleStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The rows of the given keys, by key hash, in one indexed read; expired rows included. */
    public Map<String, ThrottleState> find(Collection<String> keyHashes) {
        return jdbc.sql("SELECT throttle_key, failures, locked_until, expires_at FROM login_throttle WHERE throttle_key IN (:keys)")
                .param("keys", keyHashes)
                .query((rs, i) -> Map.entry(rs.getString("throttle_key"), MAPPER.mapRow(rs, i)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Optional<ThrottleState> find(String keyHash) {
        return Optional.ofNullable(find(List.of(keyHash)).get(keyHash));
    }

    /**
     * Applies {@code change} to the key's row (null when there is none) and stores the result, as one
     * atomic read-modify-write: the row is locked while the change is computed, and a row inserted
     * concurrently by someone else makes the whole step start over rather than be lost.
     *
     * @return the stored state
     */
    public ThrottleState update(ThrottleKey key, UnaryOperator<ThrottleState> change) {
        String hash = key.hash();
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> {
                    ThrottleState current = jdbc.sql("""
                                    SELECT failures, locked_until, expires_at FROM login_throttle
                                    WHERE throttle_key = :key FOR UPDATE""")
                            .param("key", hash).query(MAPPER).optional().orElse(null);
                    ThrottleState next = change.apply(current);
                    if (current != null) {
                        jdbc.sql("""
                                        UPDATE login_throttle SET failures = :failures, locked_until = :locked, expires_at = :expires
                                        WHERE throttle_key = :key""")
                                .param("failures", next.failures())
                                .param("locked", utc(next.lockedUntil()))
                                .param("expires", utc(next.expiresAt()))
                                .param("key", hash)
                                .update();
                    } else {
                        // No row to lock: two first failures may both get here, and the loser retries.
                        jdbc.sql("""
                                        INSERT INTO login_throttle (throttle_key, scope, failures, locked_until, expires_at)
                                        VALUES (:key, :scope, :failures, :locked, :expires)""")
                                .param("key", hash)
                                .param("scope", key.scope().label())
                                .param("failures", next.failures())
                                .param("locked", utc(next.lockedUntil()))
                                .param("expires", utc(next.expiresAt()))
                                .update();
                    }
                    return next;
                });
            } catch (DuplicateKeyException | TransientDataAccessException e) {
                // a concurrent insert, a lock wait timeout or a deadlock victim: start over
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public void delete(String keyHash) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = :key").param("key", keyHash).update();
    }

    /** Deletes rows that no longer count for anything: their window and any lockout are over. */
    public int purgeExpired(Instant now) {
        return jdbc.sql("DELETE FROM login_throttle WHERE expires_at <= :now").param("now", utc(now)).update();
    }
}
