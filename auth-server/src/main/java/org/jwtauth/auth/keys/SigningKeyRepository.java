package org.jwtauth.auth.keys;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.jwtauth.auth.jdbc.JdbcTimes.instant;
import static org.jwtauth.auth.jdbc.JdbcTimes.utc;

/** The {@code signing_keys} table. Every state change is a conditional UPDATE, so the database settles races. */
@Repository
public class SigningKeyRepository {

    private static final String COLUMNS =
            "kid, algorithm, public_key, private_key, slot, created_at, activated_at, retire_after, retired_at";

    private static final RowMapper<StoredSigningKey> MAPPER = (rs, i) -> new StoredSigningKey(
            rs.getString("kid"),
            rs.getString("algorithm"),
            rs.getString("public_key"),
            rs.getString("private_key"),
            rs.getString("slot"),
            instant(rs.getObject("created_at", OffsetDateTime.class)),
            instant(rs.getObject("activated_at", OffsetDateTime.class)),
            instant(rs.getObject("retire_after", OffsetDateTime.class)),
            instant(rs.getObject("retired_at", OffsetDateTime.class)));

    private final JdbcClient jdbc;

    public SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every key ever stored, oldest first. */
    public List<StoredSigningKey> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_keys ORDER BY created_at, kid").query(MAPPER).list();
    }

    /** The keys that may still be published: next, active and retiring ones (a handful of rows). */
    public List<StoredSigningKey> findUnretired() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at, kid")
                .query(MAPPER).list();
    }

    /** @throws org.springframework.dao.DataIntegrityViolationException when the kid or the slot is taken */
    public void insert(StoredSigningKey key) {
        jdbc.sql("INSERT INTO signing_keys (" + COLUMNS + ") VALUES (:kid, :algorithm, :publicKey, :privateKey, :slot,"
                        + " :createdAt, :activatedAt, :retireAfter, :retiredAt)")
                .param("kid", key.kid())
                .param("algorithm", key.algorithm())
                .param("publicKey", key.publicKeyPem())
                .param("privateKey", key.encryptedPrivateKey())
                .param("slot", key.slot())
                .param("createdAt", utc(key.createdAt()))
                .param("activatedAt", utc(key.activatedAt()))
                .param("retireAfter", utc(key.retireAfter()))
                .param("retiredAt", utc(key.retiredAt()))
                .update();
    }

    /** The active key stops signing; its private key is destroyed. @return whether it was still the active key */
    public boolean supersede(String kid, Instant retireAfter) {
        return jdbc.sql("UPDATE signing_keys SET slot = NULL, private_key = NULL, retire_after = :retireAfter"
                        + " WHERE kid = :kid AND slot = 'active'")
                .param("retireAfter", utc(retireAfter)).param("kid", kid).update() == 1;
    }

    /** @return whether the key was still the next key */
    public boolean activate(String kid, Instant now) {
        return jdbc.sql("UPDATE signing_keys SET slot = 'active', activated_at = :now WHERE kid = :kid AND slot = 'next'")
                .param("now", utc(now)).param("kid", kid).update() == 1;
    }

    /** Removes the next key (it has never signed anything). @return whether it was still the next key */
    public boolean deleteNext(String kid) {
        return jdbc.sql("DELETE FROM signing_keys WHERE kid = :kid AND slot = 'next'").param("kid", kid).update() == 1;
    }

    /** Marks superseded keys past their retire-after time as retired. Idempotent. @return how many */
    public int retireDue(Instant now) {
        return jdbc.sql("UPDATE signing_keys SET retired_at = :now, private_key = NULL"
                        + " WHERE slot IS NULL AND retired_at IS NULL AND retire_after <= :now")
                .param("now", utc(now)).update();
    }
}
