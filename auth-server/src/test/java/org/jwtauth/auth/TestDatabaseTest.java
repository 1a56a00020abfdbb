package org.jwtauth.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestDatabaseTest {

    @Test
    void aPerClassDatabaseReplacesOnlyTheDatabaseNameOfTheAdminUrl() {
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/jwtauth", "t1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://db:5433/admin?sslmode=require&x=a/b", "t1"))
                .isEqualTo("jdbc:postgresql://db:5433/t1?sslmode=require&x=a/b");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h1:5432,h2:5432/", "t1"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5432/t1");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://localhost?ssl=true", "t1"))
                .isEqualTo("jdbc:postgresql://localhost/t1?ssl=true");
    }

    @Test
    void anythingButAPostgresqlUrlIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TestDatabase.withDatabase("jdbc:h2:mem:x", "t1"));
    }

    /** A session a failed test left open (here: one of our own role) must not keep the database alive. */
    @Test
    @EnabledIfEnvironmentVariable(named = "JWTAUTH_TEST_POSTGRES_URL", matches = ".+")
    void aTestDatabaseIsDroppedEvenWithASessionStillOpenOnIt() throws Exception {
        TestDatabase.Settings admin = TestDatabase.admin();
        String name = "jwtauth_test_drop_" + System.nanoTime();
        TestDatabase.execute(admin, "CREATE DATABASE " + name);
        try (Connection leftOver = DriverManager.getConnection(TestDatabase.withDatabase(admin.url(), name),
                admin.username(), admin.password())) {
            TestDatabase.drop(admin, name);

            assertThat(databaseExists(admin, name)).isFalse();
            assertThat(leftOver.isValid(2)).isFalse();
        }
        TestDatabase.drop(admin, name); // and dropping it again is a no-op, not an error
    }

    private static boolean databaseExists(TestDatabase.Settings admin, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
