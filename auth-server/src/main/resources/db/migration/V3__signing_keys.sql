-- Signing keys shared by every auth-server replica on this database. Portable SQL: runs unchanged on
-- H2 and PostgreSQL.
--
-- A key's life: 'next' (published in the JWKS, not yet signing, so that resource services know it
-- before the first token signed with it arrives), 'active' (signs new access tokens), then retiring
-- (still published, no longer signing, until every token it signed has expired: retire_after), then
-- retired (kept for the record, no longer published).
--
-- slot is 'active' or 'next' for the two keys that hold those roles and NULL for all others: the
-- unique constraint lets the database, not a JVM lock, decide between replicas racing to create or
-- rotate keys (both H2 and PostgreSQL allow any number of NULLs under a unique constraint).
--
-- private_key holds the PKCS#8 private key encrypted with the configured master key
-- (AES-256-GCM, random nonce, the kid as associated data), never the key itself; it is set to NULL
-- as soon as the key stops signing.
CREATE TABLE signing_keys (
    kid          VARCHAR(128)             NOT NULL PRIMARY KEY,
    algorithm    VARCHAR(16)              NOT NULL,
    public_key   VARCHAR(4096)            NOT NULL,
    private_key  VARCHAR(8192),
    slot         VARCHAR(8),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at TIMESTAMP WITH TIME ZONE,
    retire_after TIMESTAMP WITH TIME ZONE,
    retired_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_signing_keys_slot UNIQUE (slot),
    CONSTRAINT ck_signing_keys_slot CHECK (slot IS NULL OR slot IN ('active', 'next'))
);
