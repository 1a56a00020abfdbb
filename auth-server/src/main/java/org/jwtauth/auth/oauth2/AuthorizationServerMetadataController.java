package org.jwtauth.auth.oauth2;

import org.jwtauth.auth.config.AuthProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/**
 * RFC 8414 metadata at {@code /.well-known/oauth-authorization-server}, so that generic clients, and
 * Spring's resource server given only the issuer URI, find the JWKS and the endpoints. Every URL is
 * built from {@code auth.issuer}, which must therefore be this server's public root URL; the
 * {@code issuer} member equals it exactly, as RFC 8414 section 3.3 and Spring check. There is no
 * authorization endpoint (no browser flows), hence no response types. The signing algorithm is
 * published where verifiers look for it: the {@code alg} of each key in the JWKS.
 */
@RestController
public class AuthorizationServerMetadataController {

    static final String PATH = "/.well-known/oauth-authorization-server";

    private static final List<String> CLIENT_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");
    private static final List<String> PUBLIC_OR_CLIENT_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post", "none");

    private final AuthorizationServerMetadata metadata;

    public AuthorizationServerMetadataController(AuthProperties properties) {
        String base = properties.issuerBase();
        this.metadata = new AuthorizationServerMetadata(
                properties.issuer(),
                base + "/.well-known/jwks.json",
                base + TokenEndpoint.PATH,
                PUBLIC_OR_CLIENT_AUTH_METHODS,
                List.of("password", "refresh_token"),
                List.of(),
                base + RevocationEndpoint.PATH,
                PUBLIC_OR_CLIENT_AUTH_METHODS,
                base + IntrospectionEndpoint.PATH,
                CLIENT_AUTH_METHODS);
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AuthorizationServerMetadata> metadata() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(metadata);
    }
}
