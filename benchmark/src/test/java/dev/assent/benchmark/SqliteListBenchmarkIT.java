package dev.assent.benchmark;

/** The list benchmark at small sizes against the real jar on SQLite. */
class SqliteListBenchmarkIT extends ListBenchmarkContract {
    @Override
    String database() {
        return "sqlite";
    }

    @Override
    String label() {
        return "SQLite";
    }
}
