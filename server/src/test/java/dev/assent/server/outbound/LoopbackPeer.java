package dev.assent.server.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP peer on 127.0.0.1 that reads a request's headers and answers with a script: for the
 * misbehaviours an HTTP server library will not produce (trickling headers or a body byte by byte).
 * Every connection it takes is counted; it stops when closed, and a trickle ends by itself.
 */
final class LoopbackPeer implements AutoCloseable {

    /** What to do with a connection after reading the request headers. */
    @FunctionalInterface
    interface Script {
        void answer(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    LoopbackPeer(Script script) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(connection, script));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket connection, Script script) {
        try (connection) {
            readHeaders(connection.getInputStream());
            script.answer(connection.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client hung up (as it should, at its deadline)
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int b; matched < end.length && (b = in.read()) != -1; ) {
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    /** Writes {@code prefix}, then one byte of {@code filler} every {@code millis} ms, {@code count} times at most. */
    static Script trickle(String prefix, long millis, int count) {
        return out -> {
            out.write(prefix.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < count; i++) {
                Thread.sleep(millis);
                out.write('a');
                out.flush();
            }
        };
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
