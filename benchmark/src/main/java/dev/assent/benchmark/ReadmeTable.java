package dev.assent.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces the measured table in the README: everything between {@link #BEGIN} and {@link #END}, which
 * must both be there once, in that order; the rest of the file is left as it is. The {@code --jfr} profiles go
 * between {@link #PROFILE_BEGIN} and {@link #PROFILE_END} the same way.
 */
final class ReadmeTable {

    static final String BEGIN = "<!-- assent-bench:begin (written by ./assent bench --markdown) -->";
    static final String END = "<!-- assent-bench:end -->";
    static final String PROFILE_BEGIN = "<!-- assent-profile:begin (written by ./assent bench --jfr --markdown) -->";
    static final String PROFILE_END = "<!-- assent-profile:end -->";

    private ReadmeTable() {
    }

    static void write(Path readme, String table) throws IOException {
        write(readme, table, BEGIN, END);
    }

    /** The same between other markers (the list benchmark's table and the profiles have their own). */
    static void write(Path readme, String table, String beginMarker, String endMarker) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(beginMarker);
        int end = text.indexOf(endMarker);
        if (begin < 0 || end < begin || text.indexOf(beginMarker, begin + 1) >= 0 || text.indexOf(endMarker, end + 1) >= 0) {
            throw new IOException(readme + " needs the markers " + beginMarker + " and " + endMarker + " once each, in that order");
        }
        String replaced = text.substring(0, begin + beginMarker.length()) + "\n" + table.strip() + "\n" + text.substring(end);
        Path temporary = readme.resolveSibling(readme.getFileName() + ".bench-tmp");
        Files.writeString(temporary, replaced, StandardCharsets.UTF_8);
        Files.move(temporary, readme, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
