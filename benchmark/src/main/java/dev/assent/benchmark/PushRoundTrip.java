package dev.assent.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The push approval as it happens in production (docs/push-protocol.md §5.1, §6): the customer's backend
 * creates a challenge; the device fetches it with a fresh device JWT and reads
 * {@code Twilio-Verify-Signature-Fields}; the device approves it with another fresh device JWT and an
 * ES256-signed {@code AuthPayload}. The server verifies three ES256 signatures per round trip.
 *
 * <p>Step latencies time the HTTP exchange only; the round trip also includes the device's signing
 * and JSON work between the requests, as a user waiting on the approval would see it. The device JWTs are
 * signed before the phase ({@link DeviceTokens}, two per round trip); the {@code AuthPayload} cannot be, it signs
 * the fetched challenge, so the load generator signs one ES256 JWS and parses three JSON bodies per round trip.
 */
final class PushRoundTrip implements Workload {

    private static final String DETAILS_FIELD = "{\"label\":\"IP\",\"value\":\"10.0.0.1\"}";
    private static final String HIDDEN_DETAILS = "{\"ip\":\"10.0.0.1\"}";

    private final String accountAuthorization;
    private final List<Device> devices;
    private final int clients;
    private final DeviceTokens tokens;

    PushRoundTrip(String accountAuthorization, List<Device> devices, int clients, DeviceTokens tokens) {
        this.accountAuthorization = accountAuthorization;
        this.devices = List.copyOf(devices);
        this.clients = clients;
        this.tokens = tokens;
    }

    @Override
    public DeviceTokens tokens() {
        return tokens;
    }

    @Override
    public String name() {
        return "push round trip";
    }

    @Override
    public Step iteration() {
        return Step.ROUND_TRIP;
    }

    @Override
    public List<Step> reportedSteps() {
        return List.of(Step.ROUND_TRIP, Step.CREATE, Step.FETCH, Step.APPROVE);
    }

    @Override
    public Client client(int index, LoopbackHttp http) {
        List<Device> mine = devicesOf(index);
        List<LoopbackHttp.Request> creates = new ArrayList<>();
        for (Device device : mine) {
            creates.add(http.request("POST", device.entityPath() + "/Challenges", accountAuthorization, LoopbackHttp.form(
                    "FactorSid", device.factorSid(), "Details.Message", "Approve sign-in to the benchmark",
                    "Details.Fields", DETAILS_FIELD, "HiddenDetails", HIDDEN_DETAILS)));
        }
        int[] next = {0};
        return measurement -> {
            int i = next[0]++ % mine.size();
            return roundTrip(http, mine.get(i), creates.get(i), measurement);
        };
    }

    /**
     * With at least as many factors as clients, each client owns the devices {@code index},
     * {@code index + clients}, … and takes them in turn; with fewer, clients share them round-robin.
     */
    private List<Device> devicesOf(int index) {
        if (devices.size() < clients) {
            return List.of(devices.get(index % devices.size()));
        }
        List<Device> mine = new ArrayList<>();
        for (int i = index; i < devices.size(); i += clients) {
            mine.add(devices.get(i));
        }
        return mine;
    }

    private boolean roundTrip(LoopbackHttp http, Device device, LoopbackHttp.Request create, Measurement measurement) {
        long start = System.nanoTime();
        Step step = Step.CREATE;
        try {
            LoopbackHttp.Reply created = http.send(create, true);
            long createdAt = System.nanoTime();
            if (created.status() != 201) {
                measurement.error(step, created.abbreviated());
                return false;
            }
            measurement.record(step, createdAt - start);
            String challengePath = device.entityPath() + "/Challenges/" + created.text("sid");

            step = Step.FETCH;
            LoopbackHttp.DeviceRequest fetch = http.deviceRequest("GET", challengePath, null);
            byte[] fetchAuth = tokens.next(device);
            long fetchStart = System.nanoTime();
            LoopbackHttp.Reply fetched = http.send(fetch, fetchAuth, true);
            long fetchedAt = System.nanoTime();
            if (fetched.status() != 200 || fetched.signatureFields().isEmpty() || !"pending".equals(fetched.text("status"))) {
                measurement.error(step, fetched.abbreviated() + " signature fields " + fetched.signatureFields().orElse("(none)"));
                return false;
            }
            measurement.record(step, fetchedAt - fetchStart);

            step = Step.APPROVE;
            String answer = device.signer().answer(fetched.json(), fetched.signatureFields().get(), "approved");
            LoopbackHttp.DeviceRequest approve = http.deviceRequest("POST", challengePath, LoopbackHttp.form("AuthPayload", answer));
            byte[] approveAuth = tokens.next(device);
            long approveStart = System.nanoTime();
            LoopbackHttp.Reply approved = http.send(approve, approveAuth, true);
            long end = System.nanoTime();
            if (approved.status() != 200 || !"approved".equals(approved.text("status"))) {
                measurement.error(step, "expected 200 and status approved, got " + approved.abbreviated());
                return false;
            }
            measurement.record(step, end - approveStart);
            measurement.record(Step.ROUND_TRIP, end - start);
            return true;
        } catch (RuntimeException e) {
            measurement.error(step, e.toString());
            return false;
        }
    }
}
