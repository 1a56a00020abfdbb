-- Failed-login counters for brute-force protection, shared by every auth-server replica on this
-- database and kept across restarts. Portable SQL: runs unchanged on H2 and PostgreSQL.
--
-- One row per throttled key: a normalised username (scope 'user') or a client address (scope
-- 'address'). The key is stored only as the SHA-256 of scope and value: a fixed-width primary key
-- whatever a client typed as its username (control characters included), and the table does not
-- collect plain-text usernames, or passwords typed into the username field by mistake.
CREATE TABLE login_throttle (
    throttle_key VARCHAR(64)              NOT NULL PRIMARY KEY,
    scope        VARCHAR(16)              NOT NULL,
    failures     INTEGER                  NOT NULL,
    -- refused until this moment; NULL while below the threshold
    locked_until TIMESTAMP WITH TIME ZONE,
    -- the row is forgotten from this moment on: the end of the window, or of the window after a lockout
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- For purging expired rows.
CREATE INDEX ix_login_throttle_expires ON login_throttle (expires_at);
