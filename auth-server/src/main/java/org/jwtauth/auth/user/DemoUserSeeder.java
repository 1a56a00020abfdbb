package org.jwtauth.auth.user;

import org.jwtauth.auth.config.AuthProperties;
import org.jwtauth.auth.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the configured demo users on first start, when the user table is empty. Runs once all
 * beans (and so the Flyway migration) are ready but before the web server takes requests, so the
 * first login cannot race the seeding.
 */
@Component
class DemoUserSeeder implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoUserSeeder.class);

    private final AuthProperties properties;
    private final UserRepository users;
    private final UserService userService;

    DemoUserSeeder(AuthProperties properties, UserRepository users, UserService userService) {
        this.properties = properties;
        this.users = users;
        this.userService = userService;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.seed().enabled() || users.count() > 0) {
            return;
        }
        for (AuthProperties.SeedUser seed : properties.seed().users()) {
            try {
                userService.create(seed.username(), seed.password(), seed.roles());
                log.info("Seeded demo user '{}' with roles {}", seed.username(), seed.roles());
            } catch (ApiException e) {
                // Another instance seeding the same database at the same moment, or a bad seed entry.
                log.warn("Demo user '{}' not seeded: {}", seed.username(), e.getMessage());
            }
        }
    }
}
