package dev.assent.benchmark;

import dev.assent.server.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A fresh database for one benchmark run, in its own directory that is removed afterwards. */
sealed interface DatabaseUnderTest extends AutoCloseable permits SqliteUnderTest, PostgresUnderTest {

    /** Creates the database (for PostgreSQL: starts a server) under {@code root}. */
    static DatabaseUnderTest start(DatabaseKind kind, Path root) {
        return switch (kind) {
            case SQLITE -> new SqliteUnderTest(root);
            case POSTGRES -> new PostgresUnderTest(root);
        };
    }

    /** Its own directory; also the server's data directory. */
    Path directory();

    /** Connects Assent's own {@link Database} (pool and migrations) as the server would. */
    Database open();

    /**
     * The database's version and the durability settings actually in force on the server's
     * connections, read back rather than assumed, and the file system they write to. Fails when the
     * settings are not the durable ones, since the numbers would then flatter the database.
     */
    String describe(Database database);

    @Override
    void close();

    static Path newDirectory(Path root, String prefix) {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + root, e);
        }
    }

    static String fileSystemOf(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (IOException e) {
            return "unknown file system";
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not remove " + directory + ": " + e);
        }
    }
}
