package dev.assent.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The key's signatures stay valid when threads share one key and one thread signs on several providers. */
class DeviceKeyTest {

    private static boolean verifies(DeviceKey key, String algorithm, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key.keyPair().getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Test
    void threadsSharingOneKeyAllProduceValidSignatures() throws Exception {
        DeviceKey key = DeviceKey.generate();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        byte[] message = ("thread " + thread + " message " + i).getBytes(StandardCharsets.US_ASCII);
                        if (!verifies(key, "SHA256withECDSAinP1363Format", message, key.signRaw(message))
                                || !verifies(key, "SHA256withECDSA", message, key.signDer(message))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneThreadSignsWithEachKeysOwnProvider() throws Exception {
        Provider sunEc = Security.getProvider("SunEC");
        DeviceKey byDefault = DeviceKey.generate();
        DeviceKey bySunEc = DeviceKey.generate(sunEc);
        byte[] message = "m".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 3; i++) {
            assertThat(verifies(bySunEc, "SHA256withECDSAinP1363Format", message, bySunEc.signRaw(message))).isTrue();
            assertThat(verifies(byDefault, "SHA256withECDSAinP1363Format", message, byDefault.signRaw(message))).isTrue();
        }
        assertThat(bySunEc.signRaw(message)).hasSize(64);
    }
}
