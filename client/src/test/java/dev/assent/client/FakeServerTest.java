package dev.assent.client;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The fixture every fake-server test shares: a fresh {@link FakeServer} and a client pointed at it. */
abstract class FakeServerTest {

    FakeServer server;
    AssentClient client;

    @BeforeEach
    void startFakeServer() throws IOException {
        server = new FakeServer();
        client = Fixtures.client(server);
    }

    @AfterEach
    void stopFakeServer() {
        server.close();
    }
}
