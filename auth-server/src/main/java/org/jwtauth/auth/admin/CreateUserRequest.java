package org.jwtauth.auth.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

public record CreateUserRequest(@NotBlank @Size(max = 256) String username, @NotBlank @Size(max = 1024) String password,
                                @Size(max = 16) List<String> roles) {

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", roles=" + roles + "]";
    }
}
