package dev.assent.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteNativeLibrary#keep}: a file equal to the jar's is reused as it is; anything else is replaced whole. */
class SqliteNativeLibraryTest {

    @TempDir
    Path dataDir;

    private final byte[] library = random(256 * 1024);

    @Test
    void aMissingLibraryIsWrittenOwnerOnlyAndAnEqualOneIsReusedUntouched() throws Exception {
        Path file = dataDir.resolve("native").resolve("lib.so");
        assertThat(SqliteNativeLibrary.keep(file, library)).isEqualTo(SqliteNativeLibrary.Kept.WRITTEN);
        assertThat(Files.readAllBytes(file)).isEqualTo(library);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwx------");
        Object inode = Files.getAttribute(file, "unix:ino");

        assertThat(SqliteNativeLibrary.keep(file, library.clone())).isEqualTo(SqliteNativeLibrary.Kept.REUSED);
        assertThat(Files.getAttribute(file, "unix:ino")).as("not rewritten").isEqualTo(inode);
        assertThat(onlyTheLibrary(file)).isTrue();
    }

    @Test
    void aLibraryThatDiffersInOneByteOrInLengthIsReplaced() throws Exception {
        Path file = dataDir.resolve("native").resolve("lib.so");
        SqliteNativeLibrary.keep(file, library);
        byte[] tampered = library.clone();
        tampered[tampered.length / 2] ^= 1;
        Files.write(file, tampered);
        Object inode = Files.getAttribute(file, "unix:ino");
        assertThat(SqliteNativeLibrary.keep(file, library)).isEqualTo(SqliteNativeLibrary.Kept.REPLACED);
        assertThat(Files.readAllBytes(file)).isEqualTo(library);
        assertThat(Files.getAttribute(file, "unix:ino")).as("a new file, moved over the old one").isNotEqualTo(inode);

        byte[] longer = java.util.Arrays.copyOf(library, library.length + 1);
        Files.write(file, longer);
        assertThat(SqliteNativeLibrary.keep(file, library)).isEqualTo(SqliteNativeLibrary.Kept.REPLACED);
        assertThat(Files.readAllBytes(file)).isEqualTo(library);
        assertThat(onlyTheLibrary(file)).isTrue();
    }

    @Test
    void aLinkIsNotTrustedEvenToTheRightBytes() throws Exception {
        Path elsewhere = Files.write(dataDir.resolve("elsewhere.so"), library);
        Path file = Files.createDirectories(dataDir.resolve("native")).resolve("lib.so");
        Files.createSymbolicLink(file, elsewhere);
        assertThat(SqliteNativeLibrary.keep(file, library)).isEqualTo(SqliteNativeLibrary.Kept.REPLACED);
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(library);
        assertThat(Files.readAllBytes(elsewhere)).as("the link's target is left alone").isEqualTo(library);
    }

    @Test
    void theFileIsNamedByTheSqliteJdbcRelease() {
        assertThat(SqliteNativeLibrary.fileName("3.54.1.0", "libsqlitejdbc.so")).isEqualTo("sqlite-jdbc-3.54.1.0-libsqlitejdbc.so");
        assertThat(SqliteNativeLibrary.fileName("../x y", "libsqlitejdbc.so")).isEqualTo("sqlite-jdbc-.._x_y-libsqlitejdbc.so");
    }

    /** No temporary file left beside the library. */
    private static boolean onlyTheLibrary(Path file) throws Exception {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.toList().equals(java.util.List.of(file));
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
