package org.jwtauth.auth.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import org.jwtauth.auth.api.LoginRequest;
import org.jwtauth.auth.api.RefreshTokenRequest;
import org.jwtauth.auth.client.ClientAuthenticator;
import org.jwtauth.auth.error.ApiException;
import org.jwtauth.auth.http.NoStore;
import org.jwtauth.auth.token.TokenResponse;
import org.jwtauth.auth.token.TokenScope;
import org.jwtauth.auth.token.TokenService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The standard OAuth 2.0 token endpoint (RFC 6749 section 3.2), next to the JSON {@code /auth/*} API
 * and answering the same way through the same {@link TokenService}: {@code grant_type=refresh_token}
 * (section 6) and {@code grant_type=password} (section 4.3, for legacy clients). Client credentials
 * are optional: possession of the refresh token (or the password) is the credential, as in the JSON
 * API; a client that does present credentials must present valid ones. {@code scope} is empty (a token
 * for the resource services, the user's roles deciding what it allows) or {@code admin} (a token for the
 * admin API, for ADMIN users only); a refresh keeps the scope of its login.
 */
@RestController
public class TokenEndpoint {

    static final String PATH = "/oauth2/token";

    private final TokenService tokens;
    private final ClientAuthenticator clients;

    public TokenEndpoint(TokenService tokens, ClientAuthenticator clients) {
        this.tokens = tokens;
        this.clients = clients;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> token(HttpServletRequest request) {
        FormParameters form = FormParameters.of(request);
        clients.authenticateIfPresent(request, form.asMap());
        String grantType = form.require("grant_type", 64);
        String scope = form.optional("scope", LoginRequest.MAX_SCOPE);
        TokenResponse response = switch (grantType) {
            case "refresh_token" -> tokens.refresh(form.require("refresh_token", RefreshTokenRequest.MAX_LENGTH),
                    scope == null ? null : TokenScope.parse(scope));
            // The peer address counts for the login throttle, as in POST /auth/login.
            case "password" -> tokens.login(form.require("username", LoginRequest.MAX_USERNAME),
                    form.require("password", LoginRequest.MAX_PASSWORD),
                    request.getRemoteAddr(), TokenScope.parse(scope));
            default -> throw new ApiException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "Supported grant types: refresh_token, password");
        };
        // RFC 6749 section 5.1
        return NoStore.ok().body(response);
    }
}
