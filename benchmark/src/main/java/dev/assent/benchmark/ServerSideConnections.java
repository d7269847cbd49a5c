package dev.assent.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Counts the TCP connections the server has open on its port, from the Linux kernel's socket tables,
 * to show how many connections the clients really used (the JDK client opens them on demand).
 */
final class ServerSideConnections {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String ESTABLISHED = "01";

    private final int port;

    ServerSideConnections(int port) {
        this.port = port;
    }

    /** Established connections whose local end is the server's port; empty where /proc is not there. */
    OptionalInt count() {
        String localPort = ":" + String.format(Locale.ROOT, "%04X", port);
        int count = 0;
        boolean readAny = false;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                // Columns: sl local_address rem_address st …; addresses are HEXIP:HEXPORT.
                for (String line : Files.readAllLines(table)) {
                    String[] columns = line.trim().split("\\s+");
                    if (columns.length > 3 && columns[1].endsWith(localPort) && columns[3].equals(ESTABLISHED)) {
                        count++;
                    }
                }
                readAny = true;
            } catch (IOException e) {
                // an unreadable table only means the count is unknown
            }
        }
        return readAny ? OptionalInt.of(count) : OptionalInt.empty();
    }
}
