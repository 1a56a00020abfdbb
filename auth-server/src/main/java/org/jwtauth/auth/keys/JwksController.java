package org.jwtauth.auth.keys;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * Publishes the public verification keys (RFC 7517 JWK Set) for offline validation: the next, the
 * active and the retiring keys, as this replica last read them from the database.
 */
@RestController
public class JwksController {

    /**
     * Caches that honour it hold the set at most this long: below auth.keys.min-rotation-interval, so a
     * cached copy always has the key a rotation activates.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final SigningKeyStore keys;

    public JwksController(SigningKeyStore keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
                .body(keys.jwksJson());
    }
}
