package org.jwtauth.auth.admin;

import jakarta.validation.Valid;
import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.user.User;
import org.jwtauth.auth.user.UserService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.UUID;

/** User administration; the security configuration requires the ADMIN role for all of it. */
@RestController
@RequestMapping(path = "/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminUserController {

    private final UserService users;
    private final AuthProperties properties;

    public AdminUserController(UserService users, AuthProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @GetMapping
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<UserView> create(@Valid @RequestBody CreateUserRequest request) {
        User user = users.create(request.username(), request.password(), request.roles());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{username}")
                .buildAndExpand(user.username()).toUri()).body(UserView.of(user));
    }

    @PostMapping("/{username}/revoke")
    public RevocationView revoke(@PathVariable String username, @AuthenticationPrincipal Jwt admin) {
        // The admin's own id: nobody may revoke themselves (see UserService.revoke).
        UserService.Revocation r = users.revoke(username, UUID.fromString(admin.getSubject()));
        return new RevocationView(r.user().username(), r.user().enabled(), r.user().revokedAt(),
                r.refreshTokensRevoked(), r.accessTokensValidUntil(), properties.accessTokenTtl().toSeconds());
    }

    @PostMapping("/{username}/enable")
    public UserView enable(@PathVariable String username) {
        return UserView.of(users.enable(username));
    }
}
