package org.jwtauth.auth;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database the database-touching tests run on, chosen by one switch: the system property
 * {@value #SWITCH} ({@code h2} by default; auth-server's {@code postgres} Surefire execution sets
 * {@code postgres}).
 * <ul>
 *   <li>H2: nothing to do, the application's default H2 file database in {@code auth.data-dir} is
 *       fresh for every test class already.</li>
 *   <li>PostgreSQL: every test class gets a database of its own, created before the class through
 *       the admin connection named by {@code JWTAUTH_TEST_POSTGRES_URL}, {@code _USER} and
 *       {@code _PASSWORD} (a role with CREATEDB) and dropped after it, once its Spring contexts are
 *       closed. Without {@code JWTAUTH_TEST_POSTGRES_URL} their tests are disabled, which reports
 *       each of them as skipped, with the reason; with it, a server that does not answer fails them.</li>
 * </ul>
 * Register it with {@link DatabaseTest}. Test classes run one after another in a JVM, so the
 * current class's database is a static.
 */
public final class TestDatabase implements ExecutionCondition, BeforeAllCallback {

    public static final String SWITCH = "jwtauth.test.database";

    private static final int DROP_ATTEMPTS = 5;

    static final String SKIP_REASON = "PostgreSQL tests skipped: JWTAUTH_TEST_POSTGRES_URL (and _USER, _PASSWORD) "
            + "is not set; see README, 'Testing on PostgreSQL'";
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

    /** How to reach a database: a JDBC URL and the credentials for it. */
    public record Settings(String url, String username, String password) {
        @Override
        public String toString() {
            return "Settings[url=" + url + ", username=" + username + "]";
        }
    }

    private static volatile Settings current;

    public static boolean postgres() {
        String db = System.getProperty(SWITCH, "h2").toLowerCase(Locale.ROOT);
        return switch (db) {
            case "h2" -> false;
            case "postgres", "postgresql" -> true;
            default -> throw new IllegalStateException(SWITCH + " must be h2 or postgres, not " + db);
        };
    }

    /** Points a {@code @SpringBootTest} context at the current class's database (nothing to do on H2). */
    public static void register(DynamicPropertyRegistry registry) {
        if (postgres()) {
            registry.add("spring.datasource.url", () -> required().url());
            registry.add("spring.datasource.username", () -> required().username());
            registry.add("spring.datasource.password", () -> required().password());
        }
    }

    /** The same as command-line arguments, for servers started by {@link AuthServerLauncher}. */
    public static List<String> launcherArgs() {
        if (!postgres()) {
            return List.of();
        }
        Settings db = required();
        return List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password());
    }

    private static Settings required() {
        Settings db = current;
        if (db == null) {
            throw new IllegalStateException("No test database: is the test class annotated with @DatabaseTest?");
        }
        return db;
    }

    /** Without a PostgreSQL server to use, the PostgreSQL run skips every test, each reported as skipped. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (postgres() && adminUrl() == null) {
            // The reason once on the console too, not only in the Surefire reports: a skipped run must say so.
            if (SKIP_REPORTED.compareAndSet(false, true)) {
                System.out.println("[WARNING] " + SKIP_REASON);
            }
            return ConditionEvaluationResult.disabled(SKIP_REASON);
        }
        return ConditionEvaluationResult.enabled("database: " + (postgres() ? "PostgreSQL" : "H2"));
    }

    private static String adminUrl() {
        String url = System.getenv("JWTAUTH_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? null : url;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (!postgres()) {
            return;
        }
        Settings admin = admin();
        String name = "jwtauth_test_" + HexFormat.of().formatHex(randomBytes());
        execute(admin, "CREATE DATABASE " + name);
        current = new Settings(withDatabase(admin.url(), name), admin.username(), admin.password());
        // Closed after every afterAll callback, so after Spring has closed the class's contexts.
        context.getStore(ExtensionContext.Namespace.create(TestDatabase.class))
                .put(name, (ExtensionContext.Store.CloseableResource) () -> {
                    current = null;
                    drop(admin, name);
                });
    }

    /** The admin connection from the environment; {@code null} URL when it is not set. */
    static Settings admin() {
        return new Settings(adminUrl(), System.getenv("JWTAUTH_TEST_POSTGRES_USER"),
                System.getenv("JWTAUTH_TEST_POSTGRES_PASSWORD"));
    }

    /**
     * Drops a test database whatever is still connected to it. WITH (FORCE) ends the sessions a failed
     * test's open context left behind, but a role without superuser or pg_signal_backend may only end
     * its own: an autovacuum worker busy in the new database (it runs as no role) fails it with
     * "must be a member of the role whose process is being terminated" (SQLSTATE 42501; it failed CI
     * once). A plain DROP stops autovacuum workers by itself, so that is the fallback, and the pair
     * is tried a few times, since either kind of session can come and go.
     */
    static void drop(Settings admin, String name) throws SQLException, InterruptedException {
        SQLException failure = null;
        for (int attempt = 1; attempt <= DROP_ATTEMPTS; attempt++) {
            for (String sql : List.of("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "DROP DATABASE IF EXISTS " + name)) {
                try {
                    execute(admin, sql);
                    return;
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = new SQLException("Could not drop test database " + name + " in " + DROP_ATTEMPTS
                                + " attempts", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            Thread.sleep(200L * attempt);
        }
        throw failure;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static void execute(Settings db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@code jdbc:postgresql://host:port/admin?x=y} with another database name, parameters kept. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("JWTAUTH_TEST_POSTGRES_URL must be a jdbc:postgresql://host:port/database URL");
        }
        int query = url.indexOf('?') < 0 ? url.length() : url.indexOf('?');
        int slash = url.indexOf('/', prefix.length());
        int hostsEnd = slash < 0 || slash > query ? query : slash;
        return url.substring(0, hostsEnd) + "/" + database + url.substring(query);
    }
}
