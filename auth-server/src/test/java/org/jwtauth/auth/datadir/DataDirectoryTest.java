package org.jwtauth.auth.datadir;

import org.jwtauth.auth.AuthServerLauncher;
import org.jwtauth.auth.DatabaseTest;
import org.jwtauth.auth.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data directory holds every user's password hash: owner-only (0700/0600) on a fresh start, and
 * an existing directory that others could read is closed before the database opens.
 */
@DatabaseTest
class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aFreshDataDirectoryAndEverythingInItIsOwnerOnly() throws Exception {
        Path dataDir = tmp.resolve("fresh/data");

        try (ConfigurableApplicationContext server = AuthServerLauncher.start(dataDir)) {
            // made private before the database opens, not only after start-up
            assertThat(server.getBeanFactory().getBeanDefinition("dataSource").getDependsOn()).contains("dataDirectory");
            assertOwnerOnly(dataDir);
            if (!TestDatabase.postgres()) {
                assertThat(dataDir.resolve("auth-db.mv.db")).exists();
            }
            assertThat(dataDir.resolve("keys/master.key")).exists();
            assertThat(dataDir.resolve("keys/signing-key.pub.pem")).exists();
        }
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsClosed() throws Exception {
        Path dataDir = tmp.resolve("existing");
        Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir.resolve("keys"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dataDir.resolve("backup.sql"), "-- password hashes");
        Files.setPosixFilePermissions(dataDir.resolve("backup.sql"), PosixFilePermissions.fromString("rw-r--r--"));

        new DataDirectory(dataDir);

        assertOwnerOnly(dataDir);
    }

    @Test
    void aDataDirectoryThatIsALinkIsFollowedOnce() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("volume/data"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(target.resolve("auth-db.mv.db"), "hashes");
        Files.setPosixFilePermissions(target.resolve("auth-db.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(tmp.resolve("data-link"), target);

        DataDirectory dataDirectory = new DataDirectory(link);

        assertThat(dataDirectory.path()).isEqualTo(target.toRealPath());
        assertOwnerOnly(target);
    }

    private static void assertOwnerOnly(Path dir) throws Exception {
        List<String> modes = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                modes.add(dir.relativize(p) + " " + mode);
                assertThat(mode).as("%s", p).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        assertThat(modes).hasSizeGreaterThan(1);
    }
}
