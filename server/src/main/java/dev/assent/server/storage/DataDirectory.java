package dev.assent.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's directory: {@code 0700}, its database files {@code 0600}, created so and
 * tightened (with a warning) when found looser. SQLite creates its {@code -wal} and {@code -shm} files
 * with the mode of the database file, so creating that one {@code 0600} before SQLite opens it covers
 * them; files left by an earlier, looser start are tightened here too. On a file system without POSIX
 * permissions (Windows) nothing is changed.
 */
final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final List<String> SQLITE_SUFFIXES = List.of("", "-wal", "-shm", "-journal");

    private DataDirectory() {
    }

    static void secure(Path dir, String databaseFile) {
        try {
            boolean posix = Files.getFileAttributeView(dir.toAbsolutePath().getRoot(), PosixFileAttributeView.class) != null;
            if (!posix) {
                Files.createDirectories(dir);
                return;
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                // createDirectories applies the umask; set the mode exactly.
                Files.setPosixFilePermissions(dir, DIRECTORY);
            } else {
                tighten(dir, DIRECTORY, "data directory");
            }
            Path database = dir.resolve(databaseFile);
            try {
                Files.createFile(database, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException exists) {
                // an existing database: checked below with its companions
            }
            for (String suffix : SQLITE_SUFFIXES) {
                Path file = dir.resolve(databaseFile + suffix);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    tighten(file, FILE, "database file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted, String what) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!wanted.containsAll(actual)) {
            log.warn("{} {} was {}, readable by others although it holds every secret; tightened to {}", what, path,
                    PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
            Files.setPosixFilePermissions(path, wanted);
        }
    }
}
