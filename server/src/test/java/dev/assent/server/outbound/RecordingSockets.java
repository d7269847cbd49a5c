package dev.assent.server.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * Plain sockets that record every socket made and every address it connects to: the proof that a
 * refused call made no connection, and that a connection went to the address that was vetted.
 */
final class RecordingSockets extends SocketFactory {

    final AtomicInteger created = new AtomicInteger();
    final List<InetSocketAddress> connects = new CopyOnWriteArrayList<>();

    @Override
    public Socket createSocket() {
        created.incrementAndGet();
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                InetSocketAddress target = (InetSocketAddress) endpoint;
                connects.add(target);
                if (!target.getAddress().isLoopbackAddress()) {
                    // The network rule for tests: only loopback, even by mistake.
                    throw new AssertionError("a test tried to connect to " + target);
                }
                super.connect(endpoint, timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("OkHttp makes unconnected sockets");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("OkHttp makes unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("OkHttp makes unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("OkHttp makes unconnected sockets");
    }
}
