package org.jwtauth.auth.keys;

import org.flywaydb.core.Flyway;
import org.jwtauth.auth.audit.AuditLog;
import org.jwtauth.auth.config.AuthProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A fresh in-memory H2 database with the real Flyway migrations, shared by any number of
 * {@link SigningKeyStore}s: each one stands for a replica (or a restart) on that database.
 */
final class KeyDatabase {

    static final String ISSUER = "http://issuer.test";
    static final String AUDIENCE = "some-audience";
    static final Duration ACCESS_TTL = Duration.ofMinutes(10);

    final DriverManagerDataSource dataSource;
    final JdbcClient jdbc;
    final SigningKeyRepository repository;
    final TransactionTemplate tx;

    KeyDatabase() {
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:keys-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        repository = new SigningKeyRepository(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    static AuthProperties properties(Path dataDir, String algorithm) {
        return new AuthProperties(ISSUER, AUDIENCE, null, ACCESS_TTL, Duration.ofDays(182), dataDir, algorithm, 4,
                new AuthProperties.Seed(false, List.of()),
                new AuthProperties.LoginThrottle(true, 5, 50, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15)),
                new AuthProperties.ClientThrottle(true, 10, 50, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15)),
                Duration.ofHours(1));
    }

    SigningKeyStore store(Path dataDir, String algorithm, MasterKey masterKey, Clock clock) {
        return new SigningKeyStore(repository, tx, masterKey, properties(dataDir, algorithm), KeysProperties.defaults(),
                clock, new AuditLog());
    }

    void close() {
        jdbc.sql("SHUTDOWN").update();
    }
}
