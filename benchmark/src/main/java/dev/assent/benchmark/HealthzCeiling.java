package dev.assent.benchmark;

import java.util.List;

/**
 * The ceiling: {@code GET /healthz}, which neither authenticates nor touches the database, so its
 * rate is what this HTTP stack, client and machine manage before Assent does any work.
 */
final class HealthzCeiling implements Workload {

    @Override
    public String name() {
        return "GET /healthz (ceiling)";
    }

    @Override
    public Step iteration() {
        return Step.HEALTHZ;
    }

    @Override
    public List<Step> reportedSteps() {
        return List.of(Step.HEALTHZ);
    }

    @Override
    public Client client(int index, LoopbackHttp http) {
        return measurement -> {
            long start = System.nanoTime();
            LoopbackHttp.Reply reply;
            try {
                reply = http.get("/healthz", null);
            } catch (RuntimeException e) {
                measurement.error(Step.HEALTHZ, e.toString());
                return false;
            }
            long elapsed = System.nanoTime() - start;
            if (reply.status() != 200) {
                measurement.error(Step.HEALTHZ, reply.abbreviated());
                return false;
            }
            measurement.record(Step.HEALTHZ, elapsed);
            return true;
        };
    }
}
