package org.jwtauth.auth.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jwtauth.auth.http.NoStore;
import org.jwtauth.auth.token.TokenResponse;
import org.jwtauth.auth.token.TokenScope;
import org.jwtauth.auth.token.TokenService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON token API: login, refresh, logout. */
@RestController
@RequestMapping(path = "/auth", consumes = MediaType.APPLICATION_JSON_VALUE)
public class AuthController {

    private final TokenService tokens;

    public AuthController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = "/login", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest servletRequest) {
        // Checked before the password, which costs a BCrypt comparison.
        TokenScope scope = TokenScope.parse(request.scope());
        // The peer address; behind a reverse proxy, server.forward-headers-strategy=native makes it the client's.
        return noStore(tokens.login(request.username(), request.password(), servletRequest.getRemoteAddr(), scope));
    }

    @PostMapping(path = "/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshTokenRequest request) {
        return noStore(tokens.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    public ResponseEntity<Void> logout(@Valid @RequestBody RefreshTokenRequest request) {
        tokens.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    /** RFC 6749 5.1: token responses carry Cache-Control: no-store and Pragma: no-cache. */
    private static ResponseEntity<TokenResponse> noStore(TokenResponse body) {
        return NoStore.ok().body(body);
    }
}
