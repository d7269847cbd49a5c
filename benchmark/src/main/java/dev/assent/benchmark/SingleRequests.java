package dev.assent.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-request workloads: each client sends one kind of request over and over and checks its status.
 * Every request is encoded before the clock starts; a device request carries a device JWT of its own, signed
 * before the phase ({@link DeviceTokens}): the latency and the CPU are the server's, the signing is not in the window.
 */
final class SingleRequests {

    private static final String DETAILS_FIELD = "{\"label\":\"IP\",\"value\":\"10.0.0.1\"}";

    private SingleRequests() {
    }

    /** {@code GET /healthz}: no authentication, no database; the HTTP stack's ceiling. */
    static Workload healthz() {
        return new Simple("GET /healthz (ceiling)", Step.HEALTHZ, null, (index, http) -> {
            LoopbackHttp.Request request = http.request("GET", "/healthz", null, null);
            return measurement -> {
                long start = System.nanoTime();
                return check(measurement, Step.HEALTHZ, start, http.send(request, false), 200);
            };
        });
    }

    /** {@code GET /v2/Services/{VA}} with account credentials: authentication and one read. */
    static Workload service(String servicePath, String accountAuthorization) {
        return new Simple("GET /v2/Services/{VA}", Step.SERVICE, null, (index, http) -> {
            LoopbackHttp.Request request = http.request("GET", servicePath, accountAuthorization, null);
            return measurement -> {
                long start = System.nanoTime();
                return check(measurement, Step.SERVICE, start, http.send(request, false), 200);
            };
        });
    }

    /** The device fetches its pending challenge with a fresh device JWT: one ES256 verification and reads. */
    static Workload deviceFetch(List<Device> devices, List<String> challengePaths, DeviceTokens tokens) {
        return new Simple("device GET …/Challenges/{YC}", Step.FETCH, tokens, (index, http) -> {
            Device device = devices.get(index % devices.size());
            LoopbackHttp.DeviceRequest request = http.deviceRequest("GET", challengePaths.get(index % devices.size()), null);
            return measurement -> {
                byte[] auth = tokens.next(device);
                long start = System.nanoTime();
                return check(measurement, Step.FETCH, start, http.send(request, auth, false), 200);
            };
        });
    }

    /** The backend creates a push challenge with account credentials: a durable write. */
    static Workload create(List<Device> devices, String accountAuthorization) {
        return new Simple("POST …/Challenges (durable)", Step.CREATE, null, (index, http) -> {
            LoopbackHttp.Request request = createRequest(http, devices.get(index % devices.size()), accountAuthorization);
            return measurement -> {
                long start = System.nanoTime();
                return check(measurement, Step.CREATE, start, http.send(request, false), 201);
            };
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

    private static boolean check(Measurement measurement, Step step, long start, LoopbackHttp.Reply reply, int status) {
        long elapsed = System.nanoTime() - start;
        if (reply.status() != status) {
            measurement.error(step, reply.abbreviated());
            return false;
        }
        measurement.record(step, elapsed);
        return true;
    }

    /** How one client of a workload is made. */
    @FunctionalInterface
    interface ClientFactory {
        Workload.Client client(int index, LoopbackHttp http);
    }

    private record Simple(String name, Step iteration, DeviceTokens tokens, ClientFactory factory) implements Workload {
        @Override
        public List<Step> reportedSteps() {
            return List.of(iteration);
        }

        @Override
        public Client client(int index, LoopbackHttp http) {
            Client inner = factory.client(index, http);
            return measurement -> {
                try {
                    return inner.iterate(measurement);
                } catch (RuntimeException e) {
                    measurement.error(iteration, e.toString());
                    return false;
                }
            };
        }
    }
}
