package org.jwtauth.auth;

import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/**
 * Auth-server replicas in this JVM, started the way a scaled-out deployment runs them: each on a
 * port of its own, all on one database (the test class's {@link TestDatabase}; on H2 the file
 * database in the shared data directory, which contexts in one JVM can share) and one set of
 * signing keys.
 * <p>
 * What replicas must share besides the database is decided here only: the signing keys are in the
 * database, encrypted with a master key, and every replica gets the same data directory and so the
 * same generated {@code keys/master.key} (deployments pass {@code auth.keys.master-key} instead, as
 * deploy/nginx/check.sh does).
 */
public final class Replicas {

    private Replicas() {
    }

    public static ConfigurableApplicationContext start(Path sharedDataDir, String... extraArgs) {
        return AuthServerLauncher.start(sharedDataDir, extraArgs);
    }

    public static Http http(ConfigurableApplicationContext replica) {
        return new Http(replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
