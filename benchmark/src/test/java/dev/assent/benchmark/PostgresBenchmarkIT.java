package dev.assent.benchmark;

/** The smallest benchmark against the real jar on embedded PostgreSQL. */
class PostgresBenchmarkIT extends BenchmarkContract {
    @Override
    String database() {
        return "postgres";
    }

    @Override
    String label() {
        return "PostgreSQL";
    }
}
