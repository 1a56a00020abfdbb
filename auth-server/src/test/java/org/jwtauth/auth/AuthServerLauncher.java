package org.jwtauth.auth;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a whole auth server on a random port over a given data directory and the test class's
 * database ({@link TestDatabase}; annotate the class with {@link DatabaseTest}), for restart and
 * replica tests.
 */
public final class AuthServerLauncher {

    private AuthServerLauncher() {
    }

    /** Settings go in as command-line arguments, so they win over application.yml as they would in production. */
    public static ConfigurableApplicationContext start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                // a random management port too, not the fixed default, which another instance may hold
                "--management.server.port=0",
                "--auth.data-dir=" + dataDir,
                "--auth.bcrypt-strength=4",
                "--spring.main.banner-mode=off"));
        args.addAll(TestDatabase.launcherArgs());
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(AuthServerApplication.class).run(args.toArray(String[]::new));
    }
}
