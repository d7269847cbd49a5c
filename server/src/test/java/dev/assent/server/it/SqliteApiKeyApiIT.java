package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.storage.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link ApiKeyApiContract} on the embedded SQLite database. */
class SqliteApiKeyApiIT extends ApiKeyApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @Test
    void noDatabaseFileHoldsTheSecret() throws IOException {
        String[] key = createKey("backend");
        // Every file of the database (main file, WAL, shared memory), searched as bytes.
        try (Stream<Path> files = Files.walk(tempDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(key[1]);
            }
        }
    }
}
