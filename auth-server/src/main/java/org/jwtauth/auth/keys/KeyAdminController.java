package org.jwtauth.auth.keys;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Signing-key administration; the security configuration requires the ADMIN role for all of /admin/**. */
@RestController
@RequestMapping(path = "/admin/keys", produces = MediaType.APPLICATION_JSON_VALUE)
public class KeyAdminController {

    private final SigningKeyStore keys;
    private final Clock clock;

    public KeyAdminController(SigningKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping
    public List<KeyView> list() {
        return views();
    }

    @PostMapping("/rotate")
    public RotationView rotate(Authentication authentication) {
        // The admin's username as stored (AdminAuthenticationConverter), for the audit log.
        SigningKeyStore.Rotation r = keys.rotate(authentication.getName());
        return new RotationView(r.activeKid(), r.previousKid(), r.nextKid(), views());
    }

    private List<KeyView> views() {
        Instant now = clock.instant();
        return keys.all().stream().map(k -> KeyView.of(k, now)).toList();
    }
}
