package dev.assent.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory holds every secret: it and the SQLite files are the owner's alone, however they were found. */
class SqliteFilePermissionsIT {

    @TempDir
    Path tempDir;

    @Test
    void aNewDataDirectoryAndItsDatabaseFilesArePrivateToTheOwner() throws Exception {
        Path dir = tempDir.resolve("data");
        try (Database database = Database.sqlite(dir)) {
            // A write, so the -wal and -shm files exist while the database is open.
            database.inTransaction(() -> database.jdbi().withHandle(h -> h.execute("CREATE TABLE t (x INTEGER)")));
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("assent.db"))).isEqualTo("rw-------");
            assertThat(dir.resolve("assent.db-wal")).exists();
            assertThat(mode(dir.resolve("assent.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("assent.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aLooserDirectoryAndDatabaseAreTightenedOnStart() throws Exception {
        Path dir = tempDir.resolve("data");
        try (Database database = Database.sqlite(dir)) {
            database.inTransaction(() -> database.jdbi().withHandle(h -> h.execute("CREATE TABLE t (x INTEGER)")));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("assent.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Path wal = dir.resolve("assent.db-wal");
        if (!Files.exists(wal)) {
            Files.createFile(wal);
        }
        Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-rw-rw-"));

        try (Database database = Database.sqlite(dir)) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("assent.db"))).isEqualTo("rw-------");
            assertThat(mode(wal)).isEqualTo("rw-------");
            // The tightened database still opens and holds what was written.
            int rows = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
            assertThat(rows).isZero();
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
