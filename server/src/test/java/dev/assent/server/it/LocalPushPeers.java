package dev.assent.server.it;

import dev.assent.server.push.PushConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The push providers on loopback for a contract's server: a local APNs speaking TLS with a self-signed
 * certificate the server is told to trust (written to {@code dir}), and a fake FCM; {@link #config()}
 * points the server at both.
 */
record LocalPushPeers(LocalApns apns, FakeFcm fcm, PushConfig config) implements AutoCloseable {

    static LocalPushPeers start(Path dir) {
        PushTestKeys.SelfSigned tls = PushTestKeys.selfSigned("localhost");
        Path trust = dir.resolve("apns-ca.pem");
        try {
            Files.writeString(trust, tls.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalApns apns = new LocalApns(tls, LocalApns.freePort()).start();
        FakeFcm fcm = FakeFcm.start();
        return new LocalPushPeers(apns, fcm, PushConfig.local(apns.port, Optional.of(trust), fcm.baseUri(), Duration.ofMillis(50)));
    }

    @Override
    public void close() {
        apns.close();
        fcm.close();
    }
}
