package org.jwtauth.auth;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that touches the database: it runs on H2 in the default test run and again on
 * PostgreSQL in the {@code postgres} run (Surefire selects it by the tag), each time with a database
 * of its own ({@link TestDatabase}). Servers it starts must take their datasource from
 * {@link TestDatabase}: {@link AbstractIntegrationTest} and {@link AuthServerLauncher} do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(DatabaseTest.TAG)
@ExtendWith(TestDatabase.class)
public @interface DatabaseTest {

    String TAG = "database";
}
