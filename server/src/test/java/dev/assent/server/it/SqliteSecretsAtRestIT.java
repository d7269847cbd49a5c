package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link SecretsAtRestContract} on the embedded SQLite database: the secrets are absent from its files, WAL included. */
class SqliteSecretsAtRestIT extends SecretsAtRestContract {

    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @Override
    byte[] storedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path file = tempDir.resolve("assent.db" + suffix);
            try {
                if (Files.exists(file)) {
                    out.write(Files.readAllBytes(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }
}
