package dev.assent.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept in the data directory ({@code <data-dir>/native/}) instead of being
 * extracted by sqlite-jdbc into the temporary directory on every start. The file is compared byte for
 * byte with the one in sqlite-jdbc's jar before each use and rewritten (a new file moved over it) when
 * it differs or is missing; a file that differs is never loaded. sqlite-jdbc is then pointed at it with
 * its own system properties {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}, which it reads
 * when it loads the library (at the first connection). The file is named by the sqlite-jdbc version, so
 * two releases sharing a data directory never load each other's library.
 *
 * <p>Nothing is done when those properties are set already (an operator's choice, or an earlier
 * SQLite open in this JVM: the library is loaded once per JVM), when the jar has no library for this
 * platform, or when the directory cannot be written: sqlite-jdbc then loads the library its own way, as
 * before. A data directory on a {@code noexec} mount makes sqlite-jdbc's load from it fail, and it falls
 * back to its extraction by itself.
 */
final class SqliteNativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    /** The data directory's subdirectory for the library. */
    static final String DIRECTORY = "native";
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> LIBRARY_MODE = PosixFilePermissions.fromString("rwx------");

    /** What {@link #keep} found. */
    enum Kept { REUSED, WRITTEN, REPLACED }

    private SqliteNativeLibrary() {
    }

    /** Before the first SQLite connection of this JVM: keeps the library in {@code dataDir/native/} and points sqlite-jdbc at it. */
    static synchronized void useFrom(Path dataDir) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        String resourceDir = LibraryLoaderUtil.getNativeLibResourcePath();
        String jarName = LibraryLoaderUtil.getNativeLibName();
        byte[] library;
        try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resourceDir + "/" + jarName)) {
            if (in == null) {
                return;
            }
            library = in.readAllBytes();
        } catch (IOException e) {
            log.warn("cannot read SQLite's native library from the sqlite-jdbc jar ({}); sqlite-jdbc loads it its own way", e.toString());
            return;
        }
        Path file = dataDir.resolve(DIRECTORY).resolve(fileName(SQLiteJDBCLoader.getVersion(), jarName));
        try {
            if (keep(file, library) == Kept.REPLACED) {
                log.warn("SQLite's native library {} differed from the one in sqlite-jdbc's jar: replaced", file);
            }
        } catch (IOException e) {
            log.warn("cannot keep SQLite's native library in {} ({}); sqlite-jdbc extracts it to the temporary directory",
                    file.getParent(), e.toString());
            return;
        }
        System.setProperty(PATH_PROPERTY, file.getParent().toAbsolutePath().toString());
        System.setProperty(NAME_PROPERTY, file.getFileName().toString());
    }

    /** {@code sqlite-jdbc-3.54.1.0-libsqlitejdbc.so}: one file per sqlite-jdbc release. */
    static String fileName(String sqliteJdbcVersion, String libraryName) {
        return "sqlite-jdbc-" + sqliteJdbcVersion.replaceAll("[^0-9A-Za-z.]", "_") + "-" + libraryName;
    }

    /**
     * Makes {@code file} hold exactly {@code library}: an existing regular file with the same bytes is
     * left as it is; anything else (missing, different, a link) is replaced by a new file written beside
     * it and moved over it in one step, so a reader never sees half a library.
     */
    static Kept keep(Path file, byte[] library) throws IOException {
        Path dir = file.getParent();
        boolean posix = Files.getFileAttributeView(dir.toAbsolutePath().getRoot(), PosixFileAttributeView.class) != null;
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                    Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another process, or not a directory: the write below says which
            }
        }
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (exists && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == library.length
                && Arrays.equals(Files.readAllBytes(file), library)) {
            return Kept.REUSED;
        }
        Path written = posix ? Files.createTempFile(dir, ".sqlite-native-", ".tmp", PosixFilePermissions.asFileAttribute(LIBRARY_MODE))
                : Files.createTempFile(dir, ".sqlite-native-", ".tmp");
        try {
            Files.write(written, library);
            if (posix) {
                Files.setPosixFilePermissions(written, LIBRARY_MODE);
            }
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
        return exists ? Kept.REPLACED : Kept.WRITTEN;
    }

    /** The file sqlite-jdbc was pointed at in this JVM, if any. */
    static Optional<Path> inUse() {
        String dir = System.getProperty(PATH_PROPERTY);
        String name = System.getProperty(NAME_PROPERTY);
        return dir == null || name == null ? Optional.empty() : Optional.of(Path.of(dir, name));
    }
}
