package org.jwtauth.resource.admin;

import org.jwtauth.resource.keys.InspectableKeySource;
import org.jwtauth.resource.security.TokenValidationStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operational view for administrators (the ADMIN role is enforced in the security configuration). */
@RestController
public class AdminStatsController {

    private final TokenValidationStats stats;
    private final InspectableKeySource keys;

    public AdminStatsController(TokenValidationStats stats, InspectableKeySource keys) {
        this.stats = stats;
        this.keys = keys;
    }

    @GetMapping("/api/admin/stats")
    public StatsResponse stats() {
        return new StatsResponse(
                stats.accepted(),
                stats.rejected(),
                keys.keyIds(),
                keys.lastSuccessfulFetch().orElse(null),
                stats.uptime().getSeconds());
    }
}
