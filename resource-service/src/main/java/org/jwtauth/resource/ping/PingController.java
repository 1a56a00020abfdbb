package org.jwtauth.resource.ping;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Unauthenticated liveness answer; also the HTTP-stack baseline that benchmarks compare token validation against. */
@RestController
public class PingController {

    private static final PingResponse OK = new PingResponse("ok");

    @GetMapping("/api/public/ping")
    public PingResponse ping() {
        return OK;
    }

    public record PingResponse(String status) {
    }
}
