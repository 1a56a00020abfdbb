package org.jwtauth.auth.http;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/**
 * Responses that carry tokens, token metadata or errors about them (RFC 6749 sections 5.1 and 5.2,
 * RFC 7662): {@code Cache-Control: no-store} and, for HTTP/1.0 caches, {@code Pragma: no-cache}.
 */
public final class NoStore {

    private NoStore() {
    }

    public static ResponseEntity.BodyBuilder status(HttpStatusCode status) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).header("Pragma", "no-cache");
    }

    public static ResponseEntity.BodyBuilder ok() {
        return status(HttpStatus.OK);
    }
}
