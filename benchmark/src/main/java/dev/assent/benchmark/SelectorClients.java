package dev.assent.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The closed-loop clients of a single-request workload on one thread, as {@code wrk} runs them: one
 * non-blocking keep-alive connection per client, one selector, each connection sending its next request as
 * soon as the previous answer is complete. Per request that is one {@code write} and one {@code read} and a
 * share of one {@code epoll_wait}, without the thread switch that a blocking client per thread pays on the
 * load generator's core, which matters where the server's cost per request is smallest ({@code /healthz}).
 *
 * <p>Responses are scanned, not parsed: the status code, {@code Content-Length} or the chunk sizes, and
 * {@code Connection: close}; headers are bounded at {@link HttpConnection#MAX_HEADER_BYTES}, bodies at
 * {@link HttpConnection#MAX_BODY_BYTES}. A failed connection is counted as an error and replaced.
 */
final class SelectorClients {

    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SELECT_MILLIS = 5;

    /** Client {@code index}'s requests: the bytes of its next request (a fresh device JWT in it where needed). */
    interface Source {
        byte[] next();
    }

    private final InetSocketAddress address;
    private final Step step;
    private final int expectedStatus;
    private final List<Source> sources;

    SelectorClients(InetSocketAddress address, Step step, int expectedStatus, List<Source> sources) {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the benchmark only connects to the loopback interface, not " + address);
        }
        this.address = address;
        this.step = step;
        this.expectedStatus = expectedStatus;
        this.sources = List.copyOf(sources);
    }

    /**
     * Runs until {@code stop} says so or {@code hardDeadline} ({@link System#nanoTime()}) passes, recording into
     * whatever {@code current} holds when a response completes; measured requests (not in {@code warming})
     * count against {@code maxIterations}.
     */
    void run(AtomicReference<Measurement> current, Measurement warming, BooleanSupplier stop, long hardDeadline,
            AtomicLong iterations, long maxIterations) {
        List<Client> clients = new ArrayList<>();
        ArrayDeque<Client> delayed = new ArrayDeque<>();
        try (Selector selector = Selector.open()) {
            for (Source source : sources) {
                Client client = new Client(source);
                clients.add(client);
                client.connect(selector, current.get());
                // sent from the delayed queue right away, where a failure is handled like any other
                delayed.add(client);
            }
            while (!stop.getAsBoolean() && System.nanoTime() < hardDeadline) {
                selector.select(SELECT_MILLIS);
                long now = System.nanoTime();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Client client = (Client) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (key.isWritable()) {
                            client.flush();
                        }
                        if (key.isReadable() && client.readResponse(current.get(), now)) {
                            if (!client.open()) {
                                client.retryAt = now;
                                delayed.add(client);
                            } else if (client.failed) {
                                client.retryAt = now + RETRY_NANOS;
                                delayed.add(client);
                            } else {
                                client.send(current.get(), stop, iterations, maxIterations, warming, current);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        current.get().error(step, e.toString());
                        client.close();
                        client.retryAt = now + RETRY_NANOS;
                        delayed.add(client);
                    }
                }
                for (int n = delayed.size(); n > 0; n--) {
                    Client client = delayed.poll();
                    if (client.retryAt > now || stop.getAsBoolean()) {
                        delayed.add(client);
                        continue;
                    }
                    if (!client.open()) {
                        client.connect(selector, current.get());
                        if (!client.open()) {
                            client.retryAt = now + RETRY_NANOS;
                            delayed.add(client);
                            continue;
                        }
                    }
                    try {
                        client.send(current.get(), stop, iterations, maxIterations, warming, current);
                    } catch (IOException | RuntimeException e) {
                        current.get().error(step, e.toString());
                        client.close();
                        client.retryAt = now + RETRY_NANOS;
                        delayed.add(client);
                    }
                }
            }
        } catch (IOException e) {
            current.get().error(step, "selector: " + e);
        } finally {
            clients.forEach(Client::close);
        }
    }

    /** One connection and its request in flight. */
    private final class Client {
        private final Source source;
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out = ByteBuffer.allocate(0);
        private byte[] in = new byte[8 * 1024];
        private int limit;
        private long sentAt;
        private boolean inFlight;
        private boolean failed;
        private boolean closeAfter;
        private long retryAt;

        Client(Source source) {
            this.source = source;
        }

        boolean open() {
            return channel != null && channel.isOpen();
        }

        void connect(Selector selector, Measurement measurement) {
            try {
                SocketChannel ch = SocketChannel.open(address);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                channel = ch;
                key = ch.register(selector, 0, this);
                limit = 0;
                inFlight = false;
            } catch (IOException e) {
                measurement.error(step, "connect: " + e);
                close();
            }
        }

        /** Sends the next request, unless the phase is over or the request cap is reached. */
        void send(Measurement measurement, BooleanSupplier stop, AtomicLong iterations, long maxIterations, Measurement warming,
                AtomicReference<Measurement> current) throws IOException {
            if (stop.getAsBoolean() || (current.get() != warming && iterations.incrementAndGet() > maxIterations)) {
                key.interestOps(0);
                return;
            }
            failed = false;
            out = ByteBuffer.wrap(source.next());
            sentAt = System.nanoTime();
            inFlight = true;
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
        }

        void flush() throws IOException {
            channel.write(out);
            if (!out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        /** Reads what is there; returns true when the response is complete (recorded as a latency or an error). */
        boolean readResponse(Measurement measurement, long now) throws IOException {
            if (limit == in.length) {
                if (in.length >= HttpConnection.MAX_HEADER_BYTES + HttpConnection.MAX_BODY_BYTES) {
                    throw new IOException("response over " + in.length + " bytes");
                }
                in = java.util.Arrays.copyOf(in, Math.min(in.length * 2, HttpConnection.MAX_HEADER_BYTES + HttpConnection.MAX_BODY_BYTES));
            }
            int read = channel.read(ByteBuffer.wrap(in, limit, in.length - limit));
            if (read < 0) {
                throw new IOException("the server closed the connection" + (inFlight ? " before the response was complete" : ""));
            }
            limit += read;
            int length = complete();
            if (length < 0) {
                return false;
            }
            if (!inFlight || length != limit) {
                throw new IOException("bytes the client did not ask for (" + (limit - length) + " after a response)");
            }
            inFlight = false;
            int status = status();
            if (status == expectedStatus) {
                measurement.record(step, System.nanoTime() - sentAt);
            } else {
                failed = true;
                String shown = new String(in, 0, Math.min(limit, 400), StandardCharsets.UTF_8).replace("\r\n", " ");
                measurement.error(step, "HTTP " + status + " " + shown);
            }
            limit = 0;
            if (closeAfter) {
                close();
            }
            return true;
        }

        private int status() throws IOException {
            int s = 0;
            for (int i = 9; i < 12; i++) {
                int d = in[i] - '0';
                if (d < 0 || d > 9) {
                    throw new IOException("bad status line");
                }
                s = s * 10 + d;
            }
            return s;
        }

        /** The length of the complete response in the buffer, or -1 while it is incomplete. */
        private int complete() throws IOException {
            int headerEnd = -1;
            for (int i = 3; i < limit; i++) {
                if (in[i] == '\n' && in[i - 1] == '\r' && in[i - 2] == '\n' && in[i - 3] == '\r') {
                    headerEnd = i + 1;
                    break;
                }
            }
            if (headerEnd < 0) {
                if (limit > HttpConnection.MAX_HEADER_BYTES) {
                    throw new IOException("response headers longer than " + HttpConnection.MAX_HEADER_BYTES + " bytes");
                }
                return -1;
            }
            if (headerEnd < 16 || in[0] != 'H' || in[1] != 'T' || in[2] != 'T' || in[3] != 'P' || in[8] != ' ') {
                throw new IOException("not an HTTP/1.x status line");
            }
            String head = new String(in, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            closeAfter = head.contains("\r\nconnection: close");
            int status = status();
            if (status == 204 || status == 304) {
                return headerEnd;
            }
            int at = head.indexOf("\r\ncontent-length:");
            if (at >= 0) {
                int end = head.indexOf("\r\n", at + 2);
                long length;
                try {
                    length = Long.parseLong(head.substring(at + 17, end).trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length");
                }
                if (length < 0 || length > HttpConnection.MAX_BODY_BYTES) {
                    throw new IOException("bad or oversized Content-Length " + length);
                }
                return limit >= headerEnd + length ? (int) (headerEnd + length) : -1;
            }
            if (!head.contains("\r\ntransfer-encoding: chunked")) {
                throw new IOException("response without Content-Length or chunked encoding");
            }
            int position = headerEnd;
            while (true) {
                int lineEnd = -1;
                for (int i = position + 1; i < limit; i++) {
                    if (in[i] == '\n' && in[i - 1] == '\r') {
                        lineEnd = i + 1;
                        break;
                    }
                }
                if (lineEnd < 0) {
                    return -1;
                }
                String size = new String(in, position, lineEnd - 2 - position, StandardCharsets.ISO_8859_1);
                int semicolon = size.indexOf(';');
                long chunk;
                try {
                    chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size");
                }
                if (chunk < 0 || chunk > HttpConnection.MAX_BODY_BYTES) {
                    throw new IOException("chunk over the limit");
                }
                if (chunk == 0) {
                    // no trailers from the server: the last chunk is followed by CRLF
                    return limit >= lineEnd + 2 ? lineEnd + 2 : -1;
                }
                position = (int) (lineEnd + chunk + 2);
                if (position > limit) {
                    return -1;
                }
            }
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // a loopback socket: nothing to do
                }
            }
            inFlight = false;
        }
    }
}
