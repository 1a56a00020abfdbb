package org.jwtauth.auth.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import org.jwtauth.auth.client.ClientAuthenticator;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.http.NoStore;
import org.jwtauth.auth.refresh.RefreshTokens;
import org.jwtauth.auth.token.TokenService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 7009 token revocation.
 * <ul>
 * <li>A refresh token: its whole family (the login session) is revoked, as {@code POST /auth/logout}
 *     does and as Keycloak (the session) and Spring Authorization Server (the authorization) do.</li>
 * <li>A valid access token: {@code 400 unsupported_token_type} (section 2.2.1). Access tokens are
 *     self-contained and checked offline, so nothing could stop one before it expires; saying so is
 *     more honest than a 200 the client would take for a revocation.</li>
 * <li>Anything else (unknown, expired, malformed): 200, as section 2.2 requires; the answer is no
 *     oracle for which tokens exist.</li>
 * </ul>
 * Client credentials are optional (public clients); presented ones must be valid. Tokens are not
 * bound to clients, so possession of the refresh token is what authorises its revocation.
 */
@RestController
public class RevocationEndpoint {

    static final String PATH = "/oauth2/revoke";

    private final ClientAuthenticator clients;
    private final TokenService tokens;
    private final TokenIntrospector introspector;

    public RevocationEndpoint(ClientAuthenticator clients, TokenService tokens, TokenIntrospector introspector) {
        this.clients = clients;
        this.tokens = tokens;
        this.introspector = introspector;
    }

    @PostMapping(PATH)
    public ResponseEntity<Void> revoke(HttpServletRequest request) {
        FormParameters form = FormParameters.of(request);
        clients.authenticateIfPresent(request, form.asMap());
        String token = form.get("token");
        if (token == null) {
            throw ApiException.invalidRequest("The parameter 'token' is missing");
        }
        if (RefreshTokens.isWellFormed(token)) {
            tokens.logout(token);   // unknown tokens are silently ignored
        } else if (introspector.verifiedAccessToken(token).isPresent()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unsupported_token_type",
                    "Access tokens cannot be revoked: they stay valid until they expire. Revoke the refresh token.");
        }
        return NoStore.ok().build();
    }
}
