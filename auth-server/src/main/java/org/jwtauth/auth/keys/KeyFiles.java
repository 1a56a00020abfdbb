package org.jwtauth.auth.keys;

import org.jwtauth.auth.datadir.DataDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files under {@code <auth.data-dir>/keys}: a directory only its owner can enter, files only its owner
 * can read (the public key too: like everything in the data directory), written atomically.
 */
final class KeyFiles {

    private KeyFiles() {
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (DataDirectory.hasPosixModes(dir)) {
            Files.setPosixFilePermissions(dir, DataDirectory.OWNER_ONLY_DIRECTORY);
        }
    }

    /**
     * Writes through a temporary file and an atomic hard link that never replaces, so a crash leaves no
     * half-written file and two instances starting at once agree on one content.
     *
     * @return whether this call created the file
     */
    static boolean writeOnce(Path target, String content) throws IOException {
        Path tmp = temporaryFile(target, content);
        try {
            try {
                // link(2) is atomic and fails if the target exists; an ATOMIC_MOVE (rename) would
                // silently replace a file another instance has just written and is already using.
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            if (Files.size(target) == 0) {
                throw new IOException("file " + target + " is empty");
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces the file atomically: readers see the old or the new content, never a mix. */
    static void replace(Path target, String content) throws IOException {
        Path tmp = temporaryFile(target, content);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temporaryFile(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        if (DataDirectory.hasPosixModes(tmp)) {
            // Restrict before writing, so a secret is never readable by others, not even briefly.
            Files.setPosixFilePermissions(tmp, DataDirectory.OWNER_ONLY_FILE);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        return tmp;
    }
}
