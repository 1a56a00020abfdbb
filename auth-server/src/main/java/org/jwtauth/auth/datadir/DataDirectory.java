package org.jwtauth.auth.datadir;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
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
 * but nobody else can reach them through a 0700 directory). A data directory that is a symbolic link
 * is followed once, to the directory it names; links inside it are left alone. Where the modes cannot
 * be set (another owner, a file system without POSIX modes), the server says so loudly at every start
 * rather than refuse: a mounted volume may be that way on purpose.
 */
public final class DataDirectory implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;

    /** Creates the directory if it is missing, and restricts it and what it holds. */
    public DataDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(absolute)) {
                if (hasPosixModes(existingAncestor(absolute))) {
                    Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } else {
                    Files.createDirectories(absolute);
                }
            }
            this.dir = absolute.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + absolute + ": " + e.getMessage(), e);
        }
        secure();
    }

    public Path path() {
        return dir;
    }

    @Override
    public void afterSingletonsInstantiated() {
        secure();
    }

    /** Whether the file system {@code path} is on has POSIX modes (a vfat or CIFS mount may not). */
    public static boolean hasPosixModes(Path path) {
        try {
            return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
        } catch (IOException e) {
            return false;
        }
    }

    /** Restricts the directory and everything in it; warns about whatever stays open to others. */
    private void secure() {
        if (!hasPosixModes(dir)) {
            log.warn("SECURITY: the data directory {} is on a file system without POSIX permissions: make sure only "
                    + "this service's user can read it, it holds every user's password hash", dir);
            return;
        }
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
            if (current.stream().anyMatch(OTHERS::contains) || (directory && !current.containsAll(OWNER_ONLY_DIRECTORY))) {
                Files.setPosixFilePermissions(path, directory ? OWNER_ONLY_DIRECTORY : OWNER_ONLY_FILE);
            }
        } catch (NoSuchFileException gone) {
            // deleted meanwhile (the database's temporary files come and go): nothing left to restrict
        } catch (IOException | SecurityException e) {
            open.add(path + " (" + e.getMessage() + ")");
        }
    }

    private static Path existingAncestor(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? path.getRoot() : p;
    }
}
