package org.jwtauth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.token.MutableClock;
import org.jwtauth.token.AccessTokenValidator;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.StaticVerificationKeys;
import org.jwtauth.token.VerificationKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server on a random port, with a fresh database ({@link TestDatabase}: an H2 file in the
 * data directory, or a PostgreSQL database of its own) and key directory per test class (a static
 * {@link TempDir}), a {@link MutableClock} instead of the system clock, and cheap BCrypt.
 * One context serves all tests of a class; it is closed after the class, before JUnit deletes its
 * data directory. Metrics are exported as in production (Spring Boot switches that off in tests by
 * default), so that the Prometheus scrape can be tested.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "auth.bcrypt-strength=4",
        "auth.issuer=" + AbstractIntegrationTest.ISSUER,
        "spring.main.banner-mode=off"})
@Import(TestClockConfig.class)
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@DatabaseTest
public abstract class AbstractIntegrationTest {

    public static final String ISSUER = "http://auth.test:9000";
    public static final String AUDIENCE = "resource-service";
    public static final long ACCESS_TTL_SECONDS = 600;
    public static final long REFRESH_TTL_SECONDS = Duration.ofDays(182).toSeconds();

    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-password";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password";

    @TempDir
    protected static Path dataDir;

    @DynamicPropertySource
    static void dataDirProperty(DynamicPropertyRegistry registry) {
        registry.add("auth.data-dir", () -> dataDir.toString());
        TestDatabase.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcClient jdbc;

    protected Http http;

    @BeforeEach
    void createClient() {
        http = new Http(port);
    }

    protected Http.Response loginResponse(String username, String password) {
        return http.postJson("/auth/login", Map.of("username", username, "password", password));
    }

    /** Logs in and insists on success. */
    protected JsonNode login(String username, String password) {
        Http.Response r = loginResponse(username, password);
        assertThat(r.status()).as("login of %s: %s", username, r).isEqualTo(200);
        return r.json();
    }

    protected String accessToken(String username, String password) {
        return login(username, password).get("access_token").asText();
    }

    /** A token for the admin API: the admin's login with scope {@code admin}. */
    protected String adminToken() {
        return adminLogin(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
    }

    /**
     * A token for the admin API whose user has since lost the ADMIN role (there is no API for that, so
     * straight in the database): authenticated, but not authorised.
     */
    protected String demotedAdminToken(String username) {
        Http.Response created = http.postJson("/admin/users", Map.of("username", username, "password", username + "-password",
                "roles", List.of("USER", "ADMIN")), adminToken());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String token = adminLogin(username, username + "-password").get("access_token").asText();
        jdbc.sql("UPDATE users SET roles = 'USER' WHERE username = :username").param("username", username).update();
        return token;
    }

    protected JsonNode adminLogin(String username, String password) {
        Http.Response r = http.postJson("/auth/login", Map.of("username", username, "password", password, "scope", "admin"));
        assertThat(r.status()).as("admin login of %s: %s", username, r).isEqualTo(200);
        return r.json();
    }

    protected Http.Response refresh(String refreshToken) {
        return http.postJson("/auth/refresh", Map.of("refresh_token", refreshToken));
    }

    protected Http.Response logout(String refreshToken) {
        return http.postJson("/auth/logout", Map.of("refresh_token", refreshToken));
    }

    protected List<VerificationKey> jwksKeys() {
        Http.Response r = http.get("/.well-known/jwks.json");
        assertThat(r.status()).isEqualTo(200);
        return JwkKeys.parseJwkSet(r.body());
    }

    /** Validates tokens the way a resource service would: keys from the JWKS endpoint, the test clock. */
    protected AccessTokenValidator jwksValidator() {
        return new AccessTokenValidator(new AccessTokenValidator.Settings(ISSUER, AUDIENCE, Duration.ZERO),
                StaticVerificationKeys.of(jwksKeys()), clock);
    }

    protected static void assertOAuthError(Http.Response r, int status, String error) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.field("error")).as("error of %s", r).isEqualTo(error);
        assertThat(r.field("error_description")).as("error_description of %s", r).isNotBlank();
    }

    /** Runs {@code n} copies of {@code call} released at the same instant, for races; returns their results. */
    protected static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
