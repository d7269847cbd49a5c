package dev.assent.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adjusts the server's logging (logback, configured by the server's {@code logback.xml}) for a
 * benchmark run without shipping a second {@code logback.xml} that would fight the server's.
 */
final class LogLevels {

    private LogLevels() {
    }

    /** Embedded PostgreSQL relays every line of initdb and the postmaster at INFO; warnings are enough. */
    static void quietEmbeddedPostgres() {
        if (LoggerFactory.getLogger("io.zonky") instanceof Logger zonky) {
            zonky.setLevel(Level.WARN);
        }
    }
}
