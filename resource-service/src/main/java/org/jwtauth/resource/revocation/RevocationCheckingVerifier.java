package org.jwtauth.resource.revocation;

import org.jwtauth.token.AccessTokenVerifier;
import org.jwtauth.token.InvalidAccessTokenException;
import org.jwtauth.token.ValidatedAccessToken;

import java.time.Instant;

/**
 * Rejects tokens of users revoked after the token was issued. It wraps the whole verifier, token cache
 * included, so a token that was accepted (and cached) before the revocation is refused from the next
 * request on; the check is one map lookup and needs no network.
 */
public final class RevocationCheckingVerifier implements AccessTokenVerifier {

    static final String REVOKED = "The access token has been revoked";

    private final AccessTokenVerifier delegate;
    private final RevokedUsers revokedUsers;

    public RevocationCheckingVerifier(AccessTokenVerifier delegate, RevokedUsers revokedUsers) {
        this.delegate = delegate;
        this.revokedUsers = revokedUsers;
    }

    @Override
    public ValidatedAccessToken validate(String token) {
        ValidatedAccessToken valid = delegate.validate(token);
        Object iat = valid.claims().get("iat");
        if (revokedUsers.isRevoked(valid.subject(), iat instanceof Instant i ? i : null)) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.REVOKED, REVOKED);
        }
        return valid;
    }
}
