package org.jwtauth.auth;

import org.junit.jupiter.api.Test;

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
}
