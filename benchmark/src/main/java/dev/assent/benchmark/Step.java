package dev.assent.benchmark;

/** What the benchmark times: each HTTP request of a workload, and the push round trip as a whole. */
enum Step {
    CREATE("create challenge", "backend POST …/Challenges, account auth", true),
    FETCH("fetch challenge", "device GET …/Challenges/{sid}, device JWT", true),
    APPROVE("approve", "device POST …/Challenges/{sid}, device JWT + signed AuthPayload", true),
    ROUND_TRIP("round trip", "create + fetch + approve, including the device's signing", false),
    HEALTHZ("GET /healthz", "no authentication, no database", true),
    SERVICE("GET service", "GET /v2/Services/{VA}, account auth + one read", true),
    OPEN_FETCH("fetch, open loop", "device fetch at a constant arrival rate, latency from the intended send time", true),
    OPEN_CREATE("create, open loop", "create at a constant arrival rate, latency from the intended send time", true);

    private final String label;
    private final String description;
    private final boolean request;

    Step(String label, String description, boolean request) {
        this.label = label;
        this.description = description;
        this.request = request;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** Whether this step is one HTTP request (and so counts towards requests/s). */
    boolean isRequest() {
        return request;
    }
}
