package dev.assent.benchmark;

import java.util.List;

/** What each client does over and over during a phase. */
interface Workload {

    /** For the report, e.g. {@code "push round trip"}. */
    String name();

    /** The step whose count is the number of completed iterations. */
    Step iteration();

    /** The steps to report, headline first. */
    List<Step> reportedSteps();

    /**
     * The loop body of client {@code index}, with whatever per-client state it needs (its own signer,
     * its device) made here, before the clock starts.
     */
    Client client(int index, LoopbackHttp http);

    /**
     * The same clients on one selector thread ({@link SelectorClients}), for a workload of one request kind whose
     * answer is judged by its status alone; null when each client needs a thread of its own.
     */
    default SelectorClients selectorClients(LoopbackHttp http, int clients) {
        return null;
    }

    /** The pre-signed device JWTs this workload draws from, or null when it sends none. */
    default DeviceTokens tokens() {
        return null;
    }

    /** One client's iteration; records its own timings and errors. */
    @FunctionalInterface
    interface Client {
        /** Runs one iteration; returns false when it failed (already recorded as an error). */
        boolean iterate(Measurement measurement) throws InterruptedException;
    }
}
