package org.jwtauth.auth.keys;

import org.jwtauth.token.JwkKeys;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** Publishes the public verification keys (RFC 7517 JWK Set) for offline validation. */
@RestController
public class JwksController {

    private final String jwkSetJson;

    public JwksController(SigningKeyStore keys) {
        // The key set only changes with a restart, so render it once.
        this.jwkSetJson = JwkKeys.toJwkSetJson(keys.publishedKeys());
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(jwkSetJson);
    }
}
