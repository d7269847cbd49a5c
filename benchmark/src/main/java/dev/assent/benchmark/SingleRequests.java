package dev.assent.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-request workloads: each client sends one kind of request over and over and checks its status;
 * the clients run on one selector thread ({@link SelectorClients}).
 * Every request is encoded before the clock starts; a device request carries a device JWT of its own, signed
 * before the phase ({@link DeviceTokens}): the latency and the CPU are the server's, the signing is not in the window.
 */
final class SingleRequests {

    private static final String DETAILS_FIELD = "{\"label\":\"IP\",\"value\":\"10.0.0.1\"}";

    private SingleRequests() {
    }

    /** {@code GET /healthz}: no authentication, no database; the HTTP stack's ceiling. */
    static Workload healthz() {
        return new Simple("GET /healthz (ceiling)", Step.HEALTHZ, 200, null, (index, http) -> {
            byte[] request = http.request("GET", "/healthz", null, null).bytes();
            return () -> request;
        });
    }

    /** {@code GET /v2/Services/{VA}} with account credentials: authentication and one read. */
    static Workload service(String servicePath, String accountAuthorization) {
        return new Simple("GET /v2/Services/{VA}", Step.SERVICE, 200, null, (index, http) -> {
            byte[] request = http.request("GET", servicePath, accountAuthorization, null).bytes();
            return () -> request;
        });
    }

    /** The device fetches its pending challenge with a fresh device JWT: one ES256 verification and reads. */
    static Workload deviceFetch(List<Device> devices, List<String> challengePaths, DeviceTokens tokens) {
        return new Simple("device GET …/Challenges/{YC}", Step.FETCH, 200, tokens, (index, http) -> {
            Device device = devices.get(index % devices.size());
            LoopbackHttp.DeviceRequest request = http.deviceRequest("GET", challengePaths.get(index % devices.size()), null);
            return () -> LoopbackHttp.bytes(request, tokens.next(device));
        });
    }

    /** The backend creates a push challenge with account credentials: a durable write. */
    static Workload create(List<Device> devices, String accountAuthorization) {
        return new Simple("POST …/Challenges (durable)", Step.CREATE, 201, null, (index, http) -> {
            byte[] request = createRequest(http, devices.get(index % devices.size()), accountAuthorization).bytes();
            return () -> request;
        });
    }

    /** The device fetch for the open loop: request {@code i} is device {@code i mod n}'s, with a pre-signed JWT. */
    static OpenLoop.Requests openFetch(LoopbackHttp http, List<Device> devices, List<String> challengePaths, DeviceTokens tokens) {
        List<LoopbackHttp.DeviceRequest> requests = new ArrayList<>();
        for (String path : challengePaths) {
            requests.add(http.deviceRequest("GET", path, null));
        }
        return new OpenLoop.Requests() {
            @Override
            public LoopbackHttp.Reply send(long i) {
                int index = (int) (i % devices.size());
                return http.send(requests.get(index), tokens.next(devices.get(index)), false);
            }

            @Override
            public int status() {
                return 200;
            }

            @Override
            public DeviceTokens tokens() {
                return tokens;
            }
        };
    }

    /** The create for the open loop: request {@code i} creates a challenge for device {@code i mod n}. */
    static OpenLoop.Requests openCreate(LoopbackHttp http, List<Device> devices, String accountAuthorization) {
        List<LoopbackHttp.Request> requests = new ArrayList<>();
        for (Device device : devices) {
            requests.add(createRequest(http, device, accountAuthorization));
        }
        return new OpenLoop.Requests() {
            @Override
            public LoopbackHttp.Reply send(long i) {
                return http.send(requests.get((int) (i % requests.size())), false);
            }

            @Override
            public int status() {
                return 201;
            }
        };
    }

    private static LoopbackHttp.Request createRequest(LoopbackHttp http, Device device, String accountAuthorization) {
        return http.request("POST", device.entityPath() + "/Challenges", accountAuthorization, LoopbackHttp.form(
                "FactorSid", device.factorSid(), "Details.Message", "Approve sign-in to the benchmark", "Details.Fields", DETAILS_FIELD));
    }

    /** How client {@code index}'s requests are made (before the clock starts). */
    @FunctionalInterface
    interface SourceFactory {
        SelectorClients.Source source(int index, LoopbackHttp http);
    }

    /**
     * A workload of one request kind judged by its status: its clients run on one selector thread; {@link #client}
     * is the same requests over a blocking connection each, for a caller that wants a thread per client.
     */
    private record Simple(String name, Step iteration, int status, DeviceTokens tokens, SourceFactory sources) implements Workload {
        @Override
        public List<Step> reportedSteps() {
            return List.of(iteration);
        }

        @Override
        public SelectorClients selectorClients(LoopbackHttp http, int clients) {
            List<SelectorClients.Source> all = new ArrayList<>(clients);
            for (int i = 0; i < clients; i++) {
                all.add(sources.source(i, http));
            }
            return new SelectorClients(http.address(), iteration, status, all);
        }

        @Override
        public Client client(int index, LoopbackHttp http) {
            SelectorClients.Source source = sources.source(index, http);
            return measurement -> {
                try {
                    byte[] request = source.next();
                    long start = System.nanoTime();
                    LoopbackHttp.Reply reply = http.send("request", name, request, false);
                    long elapsed = System.nanoTime() - start;
                    if (reply.status() != status) {
                        measurement.error(iteration, reply.abbreviated());
                        return false;
                    }
                    measurement.record(iteration, elapsed);
                    return true;
                } catch (RuntimeException e) {
                    measurement.error(iteration, e.toString());
                    return false;
                }
            };
        }
    }
}
