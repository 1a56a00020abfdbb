package org.jwtauth.auth.keys;

import org.jwtauth.auth.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;

/**
 * Every {@code auth.keys.retirement-check-interval} marks superseded keys whose retire-after time has
 * passed as retired (and drops what is left of their private material). The JWKS already stops
 * publishing them at that time; this records it. The UPDATE is idempotent, so several replicas may
 * run it at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class KeyRetirer implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(KeyRetirer.class);

    private final SigningKeyRepository repository;
    private final SigningKeyStore store;
    private final KeysProperties properties;
    private final Clock clock;
    private final AuditLog audit;

    public KeyRetirer(SigningKeyRepository repository, SigningKeyStore store, KeysProperties properties, Clock clock,
                      AuditLog audit) {
        this.repository = repository;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::retire, properties.retirementCheckInterval());
    }

    /** @return how many keys were retired by this call */
    public int retire() {
        try {
            int retired = repository.retireDue(clock.instant());
            if (retired > 0) {
                audit.event("signing_keys_retired", "count", retired);
                store.reloadNow();
            }
            return retired;
        } catch (DataAccessException e) {
            // Housekeeping only: the JWKS stops publishing the keys on time anyway; the next run tries again.
            log.warn("Could not retire signing keys: {}", e.getMessage());
            return 0;
        }
    }
}
