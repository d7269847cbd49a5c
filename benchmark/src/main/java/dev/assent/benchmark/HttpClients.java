package dev.assent.benchmark;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each client its {@link LoopbackHttp}: one JDK client shared by all, or one per client (each
 * with its own connection and selector thread), per {@code --http-client}. Client {@code i} gets the
 * same one in every phase, so connections opened during warm-up stay in use.
 */
final class HttpClients implements AutoCloseable {

    /** The value of {@code --http-client}. */
    enum Mode { SHARED, PER_CLIENT }

    private final Mode mode;
    private final String base;
    private final HttpClient sharedClient;
    private final LoopbackHttp shared;
    private final Map<Integer, LoopbackHttp> perClient = new ConcurrentHashMap<>();
    private final List<HttpClient> opened = new ArrayList<>();

    HttpClients(Mode mode, String base) {
        this.mode = mode;
        this.base = base;
        this.sharedClient = open();
        this.shared = new LoopbackHttp(sharedClient, base);
    }

    /** The client for setup work. */
    LoopbackHttp setup() {
        return shared;
    }

    /**
     * Called once setup is over: with a client per client, the setup client's idle connections are
     * closed so that they neither linger on the server nor inflate the connection count.
     */
    void setupDone() {
        if (mode == Mode.PER_CLIENT) {
            sharedClient.close();
        }
    }

    LoopbackHttp forClient(int index) {
        return mode == Mode.SHARED ? shared : perClient.computeIfAbsent(index, i -> new LoopbackHttp(open(), base));
    }

    private synchronized HttpClient open() {
        HttpClient client = LoopbackHttp.newClient();
        opened.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        // HttpClient.close() waits for exchanges in flight (the load runner has stopped its clients)
        // and does nothing the second time.
        opened.forEach(HttpClient::close);
        opened.clear();
    }
}
