package dev.assent.server.tls;

import dev.assent.server.worker.PeriodicTask;
import io.helidon.common.tls.Tls;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the certificate and key files every {@link TlsSettings#reloadCheck()} and, when their contents
 * changed and load as a matching pair, hands the new TLS configuration to the listener: connections
 * opened after that get the new certificate, open ones keep theirs. Files that do not load (a key
 * written before its certificate, say) are logged once and the old certificate stays served.
 */
public final class TlsReloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TlsReloader.class);

    private final TlsSettings settings;
    private final Consumer<Tls> listener;
    private final PeriodicTask task;
    private volatile TlsCredentials served;
    private byte[][] lastRefused;
    private String lastMessage;

    public TlsReloader(TlsSettings settings, TlsCredentials initial, Consumer<Tls> listener) {
        this.settings = settings;
        this.served = initial;
        this.listener = listener;
        this.task = new PeriodicTask("tls-reload", settings.reloadCheck(), Duration.ofSeconds(2), this::check);
    }

    public TlsReloader start() {
        task.start();
        return this;
    }

    /** Whether its thread is running. */
    public boolean alive() {
        return task.alive();
    }

    void check() {
        byte[][] files;
        try {
            files = TlsCredentials.readBoth(settings);
        } catch (IllegalArgumentException e) {
            refused(null, e);
            return;
        }
        if (served.sameFiles(files)) {
            lastRefused = null;
            lastMessage = null;
            return;
        }
        if (lastRefused != null && Arrays.equals(lastRefused[0], files[0]) && Arrays.equals(lastRefused[1], files[1])) {
            return;
        }
        TlsCredentials next;
        try {
            next = TlsCredentials.parse(settings.certificate().orElseThrow(), files[0], settings.privateKey().orElseThrow(), files[1]);
        } catch (IllegalArgumentException e) {
            refused(files, e);
            return;
        }
        listener.accept(next.tls());
        served = next;
        lastRefused = null;
        lastMessage = null;
        log.info("TLS certificate reloaded: {}", next.describe());
    }

    private void refused(byte[][] files, IllegalArgumentException e) {
        if (!e.getMessage().equals(lastMessage)) {
            log.warn("TLS files changed but were not loaded, still serving {}: {}", served.describe(), e.getMessage());
        }
        lastMessage = e.getMessage();
        lastRefused = files;
    }

    @Override
    public void close() {
        task.close();
    }
}
