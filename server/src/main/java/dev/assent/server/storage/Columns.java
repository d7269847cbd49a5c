package dev.assent.server.storage;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Column lists of joined reads, so each table's mapper reads its own columns by a prefix. */
final class Columns {

    private Columns() {
    }

    /**
     * {@code columns} (a table's comma-separated list) of table alias {@code alias}, each named
     * {@code alias_column}: {@code "sid, identity"} of {@code e} is {@code "e.sid AS e_sid, e.identity AS e_identity"}.
     * The mapper then reads them with the prefix {@code alias + "_"}.
     */
    static String aliased(String alias, String columns) {
        return Arrays.stream(columns.split(","))
                .map(String::strip)
                .map(c -> alias + "." + c + " AS " + alias + "_" + c)
                .collect(Collectors.joining(", "));
    }
}
