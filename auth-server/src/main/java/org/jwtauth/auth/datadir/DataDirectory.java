package org.jwtauth.auth.datadir;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code auth.data-dir}: the embedded database (every user's password hash, the refresh-token hashes)
 * and {@code keys/}. Only its owner may enter it: it is created 0700, an existing one is restricted to
 * 0700 with everything in it 0700 (directories) or 0600 (files), before the database opens, and once
 * more after start-up for the files the database created meanwhile (their mode comes from the umask,
 * but nobody else can reach them through a 0700 directory). Where the modes cannot be set (another
 * owner, a file system without POSIX modes), the server says so loudly at every start rather than
 * refuse: a mounted volume may be that way on purpose.
 */
public final class DataDirectory implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;

    /** Creates the directory if it is missing, and restricts it and what it holds. */
    public DataDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        if (!posix()) {
            log.warn("The data directory {} is on a file system without POSIX permissions: make sure only this "
                    + "service's user can read it, it holds every user's password hash", this.dir);
            return;
        }
        try {
            if (!Files.isDirectory(this.dir)) {
                Files.createDirectories(this.dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + this.dir + ": " + e.getMessage(), e);
        }
        secure();
    }

    public Path path() {
        return dir;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (posix()) {
            secure();
        }
    }

    /** Restricts the directory and everything in it; warns about whatever stays open to others. */
    void secure() {
        List<String> open = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(p -> restrict(p, open));
        } catch (IOException | UncheckedIOException e) {
            open.add(dir + " (" + e.getMessage() + ")");
        }
        if (!open.isEmpty()) {
            log.warn("SECURITY: the data directory {} holds every user's password hash, but other users may read "
                    + "these and their modes could not be restricted (run the service as their owner, or chmod them "
                    + "yourself): {}", dir, String.join(", ", open));
        }
    }

    /** 0700 for a directory, 0600 for a file, unless it is closed to others already. */
    private static void restrict(Path path, List<String> open) {
        if (Files.isSymbolicLink(path)) {
            return;   // a link's own mode means nothing, and its target is not ours to change
        }
        try {
            boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (current.stream().anyMatch(OTHERS::contains) || (directory && !current.containsAll(DIRECTORY))) {
                Files.setPosixFilePermissions(path, directory ? DIRECTORY : FILE);
            }
        } catch (IOException | SecurityException e) {
            open.add(path + " (" + e.getMessage() + ")");
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
