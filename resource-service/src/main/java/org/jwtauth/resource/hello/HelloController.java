package org.jwtauth.resource.hello;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The smallest protected resource: proves a valid token gets through. */
@RestController
public class HelloController {

    @GetMapping("/api/hello")
    public HelloResponse hello(Authentication authentication) {
        return new HelloResponse("Hello, " + authentication.getName() + "!");
    }

    public record HelloResponse(String message) {
    }
}
