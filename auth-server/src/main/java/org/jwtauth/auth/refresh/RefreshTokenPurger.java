package org.jwtauth.auth.refresh;

import org.jwtauth.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;

/**
 * Keeps the refresh-token table bounded: every {@code auth.refresh-token-purge-interval} it deletes
 * the tokens whose family has expired (rotated and revoked ones included: past expiry nothing can
 * use them). The DELETE is idempotent, so several replicas may run it at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class RefreshTokenPurger implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenPurger.class);

    private final RefreshTokenStore store;
    private final AuthProperties properties;
    private final Clock clock;

    public RefreshTokenPurger(RefreshTokenStore store, AuthProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, properties.refreshTokenPurgeInterval());
    }

    /** @return how many rows were deleted */
    public int purge() {
        try {
            int deleted = store.deleteExpired(clock.instant());
            if (deleted > 0) {
                log.info("Purged {} expired refresh tokens", deleted);
            }
            return deleted;
        } catch (DataAccessException e) {
            // Housekeeping only; the next run tries again.
            log.warn("Could not purge expired refresh tokens: {}", e.getMessage());
            return 0;
        }
    }
}
