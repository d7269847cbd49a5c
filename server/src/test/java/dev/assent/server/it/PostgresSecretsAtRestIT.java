package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@link SecretsAtRestContract} on PostgreSQL: the secrets are absent from every text column of every table. */
class PostgresSecretsAtRestIT extends SecretsAtRestContract {

    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }

    @Override
    byte[] storedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("auth_token\n".getBytes(StandardCharsets.UTF_8)); // the schema's names, as a file would hold them
        List<Map<String, Object>> columns = database.jdbi().withHandle(h -> h.select("SELECT table_name, column_name FROM "
                + "information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')")
                .mapToMap().list());
        for (Map<String, Object> column : columns) {
            String sql = "SELECT \"" + column.get("column_name") + "\" FROM \"" + column.get("table_name") + "\"";
            database.jdbi().useHandle(h -> h.select(sql).mapTo(String.class).forEach(v -> {
                if (v != null) {
                    out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }));
        }
        return out.toByteArray();
    }
}
