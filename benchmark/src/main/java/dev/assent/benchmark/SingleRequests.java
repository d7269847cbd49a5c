package dev.assent.benchmark;

import java.time.Instant;
import java.util.List;

/**
 * The single-request workloads: each client sends one kind of request over and over and checks its answer.
 * Device requests carry a freshly signed device JWT each (signed before the clock starts: the latency is the
 * server's, the signing is the load generator's).
 */
final class SingleRequests {

    private static final String DETAILS_FIELD = "{\"label\":\"IP\",\"value\":\"10.0.0.1\"}";

    private SingleRequests() {
    }

    /** {@code GET /healthz}: no authentication, no database; the HTTP stack's ceiling. */
    static Workload healthz() {
        return new Simple("GET /healthz (ceiling)", Step.HEALTHZ, (index, http) -> measurement -> {
            long start = System.nanoTime();
            return check(measurement, Step.HEALTHZ, start, http.get("/healthz", null), 200);
        });
    }

    /** {@code GET /v2/Services/{VA}} with account credentials: authentication and one read. */
    static Workload service(String servicePath, String accountAuthorization) {
        return new Simple("GET /v2/Services/{VA}", Step.SERVICE, (index, http) -> measurement -> {
            long start = System.nanoTime();
            return check(measurement, Step.SERVICE, start, http.get(servicePath, accountAuthorization), 200);
        });
    }

    /** The device fetches its pending challenge with a fresh device JWT: one ES256 verification and reads. */
    static Workload deviceFetch(List<Device> devices, List<String> challengePaths) {
        return new Simple("device GET …/Challenges/{YC}", Step.FETCH, (index, http) -> {
            Device device = devices.get(index % devices.size());
            String path = challengePaths.get(index % devices.size());
            return measurement -> {
                String auth = device.signer().authorization(Instant.now());
                long start = System.nanoTime();
                return check(measurement, Step.FETCH, start, http.get(path, auth), 200);
            };
        });
    }

    /** The backend creates a push challenge with account credentials: a durable write. */
    static Workload create(List<Device> devices, String accountAuthorization) {
        return new Simple("POST …/Challenges (durable)", Step.CREATE, (index, http) -> {
            Device device = devices.get(index % devices.size());
            String form = LoopbackHttp.form("FactorSid", device.factorSid(), "Details.Message", "Approve sign-in to the benchmark",
                    "Details.Fields", DETAILS_FIELD);
            return measurement -> {
                long start = System.nanoTime();
                return check(measurement, Step.CREATE, start,
                        http.post(device.entityPath() + "/Challenges", accountAuthorization, form), 201);
            };
        });
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

    private record Simple(String name, Step iteration, ClientFactory factory) implements Workload {
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
