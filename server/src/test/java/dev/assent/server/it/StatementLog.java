package dev.assent.server.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL statements the server really runs against the test's database, seen through JDBI's own
 * {@link SqlLogger} hook on the server's {@link Jdbi} (every store and the SQLite group-commit writer go
 * through it). Records each executed statement with its thread, so a test can count what one request
 * read and wrote: the statements of request threads (Helidon's virtual threads) and of the SQLite
 * writer that runs their transactions. The background workers' loops run on named platform threads
 * and are left out.
 */
final class StatementLog implements SqlLogger {

    private static final Pattern TABLE = Pattern.compile("^\\s*(SELECT\\b.*?\\bFROM|UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** One statement as executed: its verb (SELECT, UPDATE, INSERT, DELETE, …), first table, thread and text. */
    record Statement(String verb, String table, String thread, String sql) {
        String key() {
            return verb + " " + table;
        }
    }

    private final List<Statement> statements = new ArrayList<>();
    private boolean recording;

    /** Installs a log on {@code jdbi}; handles opened from then on report to it. */
    static StatementLog install(Jdbi jdbi) {
        StatementLog log = new StatementLog();
        jdbi.getConfig(SqlStatements.class).setSqlLogger(log);
        return log;
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        Thread thread = Thread.currentThread();
        if (!thread.isVirtual() && !thread.getName().equals("assent-sqlite-writer")) {
            return;
        }
        String sql = context.getRenderedSql();
        if (sql == null) {
            return;
        }
        String trimmed = sql.strip();
        Matcher m = TABLE.matcher(trimmed);
        String verb = trimmed.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        String table = m.find() ? m.group(2).toLowerCase(Locale.ROOT) : "-";
        synchronized (this) {
            if (recording) {
                statements.add(new Statement(verb, table, thread.getName(), trimmed));
            }
        }
    }

    /** Forgets what was recorded and records from now on. */
    synchronized void start() {
        statements.clear();
        recording = true;
    }

    /** Stops recording and returns the statements recorded since {@link #start}. */
    synchronized List<Statement> stop() {
        recording = false;
        return List.copyOf(statements);
    }

    /** How many statements of each kind, "VERB table" (e.g. "SELECT factors"), sorted by kind. */
    static Map<String, Integer> counts(List<Statement> statements) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Statement s : statements) {
            if (s.verb().equals("SAVEPOINT") || s.verb().equals("RELEASE") || s.verb().equals("BEGIN") || s.verb().equals("COMMIT")) {
                continue;
            }
            counts.merge(s.key(), 1, Integer::sum);
        }
        return counts;
    }
}
