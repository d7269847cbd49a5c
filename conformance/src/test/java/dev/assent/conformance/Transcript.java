package dev.assent.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends every exchange of the run to one file (target/conformance-http.log) for diagnosis. */
final class Transcript {

    private final Path file;

    Transcript(Path file) {
        this.file = file;
    }

    synchronized void record(Exchange exchange) {
        String entry = "--- " + Instant.now() + " [" + Thread.currentThread().getName() + "]\n" + exchange.describe();
        try {
            Files.writeString(file, entry, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    synchronized void note(String line) {
        try {
            Files.writeString(file, "=== " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
