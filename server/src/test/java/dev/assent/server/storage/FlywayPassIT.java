package dev.assent.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Opening a database is one Flyway command (one scan of the migrations, one read of the history):
 * Flyway's executor says "Environment: …" once per command it runs. The schema is still validated on
 * every open: a changed migration is refused when migrating and when only validating, and the version
 * the database reports is the one the jar ships.
 */
class FlywayPassIT {

    @TempDir
    Path dir;

    @Test
    void eachOpenIsOneFlywayCommandFreshMigratedAndValidateOnly() throws Exception {
        String shipped = shippedVersion();
        assertThat(flywayCommands(() -> Database.sqlite(dir))).as("fresh: migrate").isEqualTo(1);
        assertThat(flywayCommands(() -> Database.sqlite(dir))).as("migrated: migrate, nothing to do").isEqualTo(1);
        assertThat(flywayCommands(() -> Database.sqlite(dir, Database.Schema.VALIDATE))).as("validate only").isEqualTo(1);
        for (Database.Schema schema : Database.Schema.values()) {
            try (Database database = Database.sqlite(dir, schema)) {
                assertThat(database.expectedVersion()).as(schema.toString()).isEqualTo(shipped);
                assertThat(database.schemaVersion(java.time.Duration.ofSeconds(5))).as(schema.toString()).contains(shipped);
            }
        }
    }

    @Test
    void aChangedMigrationIsStillRefusedWhenMigratingAndWhenValidating() throws Exception {
        Database.sqlite(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.DATABASE_FILE).toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        }
        assertThatThrownBy(() -> Database.sqlite(dir)).isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> Database.sqlite(dir, Database.Schema.VALIDATE)).isInstanceOf(SchemaMismatchException.class)
                .hasMessageStartingWith("the database schema does not match this Assent's migrations: ").hasMessageContaining("checksum");
    }

    /** How many Flyway commands opening (and closing) a database ran. */
    private static int flywayCommands(Supplier<Database> open) {
        Logger flyway = (Logger) LoggerFactory.getLogger("org.flywaydb");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        flyway.addAppender(events);
        Level level = flyway.getLevel();
        flyway.setLevel(Level.INFO);
        try {
            open.get().close();
        } finally {
            flyway.setLevel(level);
            flyway.detachAppender(events);
        }
        List<String> commands = events.list.stream().filter(e -> e.getLoggerName().equals("org.flywaydb.core.FlywayExecutor"))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("Environment: ")).toList();
        assertThat(events.list).as("Flyway logged at INFO").isNotEmpty();
        return commands.size();
    }

    private static String shippedVersion() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow() + "";
        }
    }
}
