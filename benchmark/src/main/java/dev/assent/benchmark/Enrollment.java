package dev.assent.benchmark;

import dev.assent.device.DeviceKey;
import dev.assent.device.VirtualDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Sets up what the measured requests need, through the public API as a customer would: a service,
 * then per device an entity and a push factor that the backend creates with account credentials and
 * the device verifies by signing the factor SID (docs/push-protocol.md §3).
 */
final class Enrollment {

    private final LoopbackHttp http;
    private final String accountAuth;
    private final String accountSid;
    private volatile String service;

    Enrollment(LoopbackHttp http, String accountSid, String authToken) {
        this.http = http;
        this.accountSid = accountSid;
        this.accountAuth = LoopbackHttp.basic(accountSid, authToken);
    }

    String accountAuthorization() {
        return accountAuth;
    }

    /** {@code /v2/Services/{VA}} of the service {@link #devices} made. */
    String servicePath() {
        return "/v2/Services/" + service;
    }

    /** One pending push challenge per device, for the fetch phases; returns their paths, in the devices' order. */
    List<String> pendingChallenges(List<Device> devices) throws InterruptedException {
        List<String> paths = new ArrayList<>(devices.size());
        for (Device device : devices) {
            String sid = expect(201, http.post(device.entityPath() + "/Challenges", accountAuth, LoopbackHttp.form(
                    "FactorSid", device.factorSid(), "Details.Message", "Approve sign-in to the benchmark"))).text("sid");
            paths.add(device.entityPath() + "/Challenges/" + sid);
        }
        return paths;
    }

    /** Creates the service and {@code count} verified devices, {@code parallelism} at a time. */
    List<Device> devices(int count, int parallelism) throws InterruptedException {
        service = expect(201, http.post("/v2/Services", accountAuth, LoopbackHttp.form("FriendlyName", "Assent benchmark")))
                .text("sid");
        Semaphore permits = new Semaphore(parallelism);
        List<Future<Device>> pending = new ArrayList<>(count);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                String identity = String.format("bench-user-%05d", i);
                pending.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return enroll(service, identity);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Device> devices = new ArrayList<>(count);
            for (Future<Device> device : pending) {
                devices.add(device.get());
            }
            return devices;
        } catch (ExecutionException e) {
            throw new IllegalStateException("enrollment failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Device enroll(String service, String identity) throws InterruptedException {
        expect(201, http.post("/v2/Services/" + service + "/Entities", accountAuth, LoopbackHttp.form("Identity", identity)));
        String entityPath = "/v2/Services/" + service + "/Entities/" + identity;
        DeviceKey key = DeviceSigning.newKey();
        LoopbackHttp.Reply created = expect(201, http.post(entityPath + "/Factors", accountAuth, LoopbackHttp.form(
                "FriendlyName", "Benchmark phone", "FactorType", "push",
                "Binding.Alg", "ES256", "Binding.PublicKey", key.publicKeyBase64(),
                "Config.AppId", "dev.assent.benchmark", "Config.NotificationPlatform", "none", "Config.SdkVersion", "0.9.0")));
        Device device = new Device(entityPath, new VirtualDevice(key, accountSid, created.text("sid"),
                created.json().get("config").get("credential_sid").asText()));
        LoopbackHttp.Reply verified = expect(200, http.post(entityPath + "/Factors/" + device.factorSid(),
                device.signer().authorization(Instant.now()), LoopbackHttp.form("AuthPayload", device.signer().proof())));
        if (!"verified".equals(verified.text("status"))) {
            throw new IllegalStateException("factor not verified: " + verified.abbreviated());
        }
        return device;
    }

    private static LoopbackHttp.Reply expect(int status, LoopbackHttp.Reply reply) {
        if (reply.status() != status) {
            throw new IllegalStateException("setup request failed, expected " + status + ": " + reply.abbreviated());
        }
        return reply;
    }
}
