-- The scope a login asked for (RFC 6749 section 6: every token of the family, and every access token
-- refreshed from it, keeps that scope). NULL is the default scope: tokens for the resource services.
ALTER TABLE refresh_tokens ADD COLUMN scope VARCHAR(64);
