package dev.assent.benchmark;

import java.util.List;

/** The databases Assent supports, each benchmarked on its own fresh server. */
enum DatabaseKind {
    SQLITE("SQLite"),
    POSTGRES("PostgreSQL");

    private final String label;

    DatabaseKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The value of {@code --database}: one database or both, SQLite first. */
    enum Selection {
        SQLITE(List.of(DatabaseKind.SQLITE)),
        POSTGRES(List.of(DatabaseKind.POSTGRES)),
        BOTH(List.of(DatabaseKind.SQLITE, DatabaseKind.POSTGRES));

        private final List<DatabaseKind> kinds;

        Selection(List<DatabaseKind> kinds) {
            this.kinds = kinds;
        }

        List<DatabaseKind> kinds() {
            return kinds;
        }
    }
}
