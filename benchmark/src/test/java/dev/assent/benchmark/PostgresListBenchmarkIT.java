package dev.assent.benchmark;

/** The list benchmark at small sizes against the real jar on embedded PostgreSQL. */
class PostgresListBenchmarkIT extends ListBenchmarkContract {
    @Override
    String database() {
        return "postgres";
    }

    @Override
    String label() {
        return "PostgreSQL";
    }
}
