package dev.assent.benchmark;

/** The smallest benchmark against the real jar on SQLite. */
class SqliteBenchmarkIT extends BenchmarkContract {
    @Override
    String database() {
        return "sqlite";
    }

    @Override
    String label() {
        return "SQLite";
    }
}
