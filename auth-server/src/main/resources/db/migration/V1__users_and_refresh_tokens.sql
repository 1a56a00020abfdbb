-- Portable SQL: runs unchanged on H2 (the embedded default) and PostgreSQL.

CREATE TABLE users (
    id            UUID                     NOT NULL PRIMARY KEY,
    username      VARCHAR(64)              NOT NULL,
    password_hash VARCHAR(255)             NOT NULL,
    roles         VARCHAR(512)             NOT NULL,
    enabled       BOOLEAN                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_users_username UNIQUE (username)
);

-- Refresh tokens are stored only as a SHA-256 hash. All tokens descending from one login share a
-- family_id, so that reuse of a rotated token can revoke the whole family.
CREATE TABLE refresh_tokens (
    id            UUID                     NOT NULL PRIMARY KEY,
    token_hash    VARCHAR(64)              NOT NULL,
    family_id     UUID                     NOT NULL,
    user_id       UUID                     NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at    TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    revoke_reason VARCHAR(32),
    CONSTRAINT uk_refresh_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
