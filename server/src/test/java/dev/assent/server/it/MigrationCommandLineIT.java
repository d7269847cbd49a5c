package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.it.AssentJar.Run;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations as their own step, with the packaged jar: {@code migrate} applies them and prints the
 * version; {@code serve --no-migrate} (or {@code ASSENT_MIGRATE=false}) only checks; {@code serve} and
 * {@code dev} refuse, exit 2 and write nothing, on a schema a newer release migrated.
 */
class MigrationCommandLineIT {

    @TempDir
    Path dataDir;

    /** The highest migration the jar ships, read from the migration files themselves. */
    private static String shippedVersion() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow() + "";
        }
    }

    private static int shippedMigrations() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    private final String encryptionKeys = TestKeys.entry("test1");

    private Map<String, String> production(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PUBLIC_URL", "http://127.0.0.1:1",
                "ASSENT_ENCRYPTION_KEYS", encryptionKeys));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private Connection sqlite() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("assent.db").toAbsolutePath());
    }

    /** Every table's definition, the migration history and the account count: what a start may not change. */
    private List<String> snapshot() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
                }
            }
            if (rows.stream().anyMatch(row -> row.startsWith("table flyway_schema_history "))) {
                try (ResultSet r = s.executeQuery("SELECT installed_rank, version, checksum, success FROM flyway_schema_history "
                        + "ORDER BY installed_rank")) {
                    while (r.next()) {
                        rows.add("history " + r.getInt(1) + " " + r.getString(2) + " " + r.getObject(3) + " " + r.getBoolean(4));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM accounts")) {
                    r.next();
                    rows.add("accounts " + r.getInt(1));
                }
            }
        }
        return rows;
    }

    @Test
    void migrateOnAFreshDataDirectoryExitsZeroAndPrintsTheVersionReached() throws Exception {
        Run migrate = AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), "migrate");
        assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
        assertThat(migrate.stdout()).contains("schema at version " + shippedVersion());
        List<String> migrated = snapshot();
        assertThat(migrated.stream().filter(r -> r.startsWith("history ")).map(r -> r.split(" ")[2]).toList())
                .hasSize(shippedMigrations()).contains(shippedVersion());
        assertThat(migrated).anyMatch(r -> r.startsWith("table challenges "));

        Run again = AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), "migrate");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).contains("schema at version " + shippedVersion());
        assertThat(snapshot()).isEqualTo(migrated);
    }

    @Test
    void migrateNeedsAnExplicitDatabaseButNoPublicUrl() throws Exception {
        Run noDatabase = AssentJar.run(Map.of(), "migrate");
        assertThat(noDatabase.exitCode()).isEqualTo(2);
        assertThat(noDatabase.messages()).hasSize(1).allMatch(m -> m.contains("ASSENT_DATABASE_URL"));
    }

    @Test
    void serveWithoutMigratingRefusesAnUnmigratedDatabaseAndWritesNothing() throws Exception {
        for (Map<String, String> env : List.of(production("ASSENT_MIGRATE", "false"), production())) {
            Run serve = env.containsKey("ASSENT_MIGRATE") ? AssentJar.run(env, "serve") : AssentJar.run(env, "serve", "--no-migrate");
            assertThat(serve.exitCode()).as(serve.stderr()).isEqualTo(2);
            assertThat(serve.messages()).containsExactly("assent: the database schema is at version none, this Assent needs "
                    + shippedVersion() + ": run `assent migrate` first");
            assertThat(serve.stderr()).doesNotContain("at dev.assent");
            assertThat(snapshot()).isEmpty();
        }
        Run bad = AssentJar.run(production("ASSENT_MIGRATE", "no"), "serve");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.messages()).containsExactly("assent: invalid ASSENT_MIGRATE='no': expected true or false");
    }

    @Test
    void serveWithoutMigratingStartsOnAMigratedDatabaseAndIsReady() throws Exception {
        assertThat(AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), "migrate").exitCode()).isZero();
        List<String> migrated = snapshot();
        int port = AssentJar.freePort();
        Process process = AssentJar.command(production("ASSENT_PORT", Integer.toString(port), "ASSENT_HOST", "127.0.0.1"), "serve",
                "--no-migrate").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // The port opens before the workers start, and ready says 503 until they run.
            HttpResponse<String> response = AssentJar.awaitAnswer(process, AssentJar.get(port, "/health/ready"),
                    ready -> ready.statusCode() == 200, Duration.ofSeconds(60));
            assertThat(response).as("serve answered").isNotNull();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(snapshot()).isEqualTo(migrated);
    }

    @Test
    void serveAndDevRefuseASchemaNewerThanTheyKnowWithOneLineAndExitTwoAndWriteNothing() throws Exception {
        assertThat(AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString()), "migrate").exitCode()).isZero();
        try (Connection c = sqlite(); Statement s = c.createStatement()) {
            s.execute(SchemaHistory.INSERT_FUTURE);
        }
        List<String> before = snapshot();
        assertThat(before).contains("accounts 0").anyMatch(r -> r.startsWith("history 999 " + SchemaHistory.FUTURE_VERSION + " "));
        String refusal = "assent: the database schema is at version " + SchemaHistory.FUTURE_VERSION + ", newer than this Assent knows ("
                + shippedVersion() + "): run the Assent release that migrated it, or a newer one";

        for (String command : List.of("serve", "dev", "migrate")) {
            Run run = AssentJar.run(production("ASSENT_PORT", "0"), command);
            assertThat(run.exitCode()).as(command + ": " + run.stderr()).isEqualTo(2);
            assertThat(run.messages()).as(command).containsExactly(refusal);
            assertThat(run.stderr()).doesNotContain("at dev.assent").doesNotContain("at org.flywaydb");
            assertThat(snapshot()).as(command).isEqualTo(before);
        }
    }
}
