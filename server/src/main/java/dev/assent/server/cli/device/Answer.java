package dev.assent.server.cli.device;

/** The two answers a device can give a push challenge (docs/push-protocol.md §6.2). */
enum Answer {
    APPROVED("approved", "approve"),
    DENIED("denied", "deny");

    private final String status;
    private final String verb;

    Answer(String status, String verb) {
        this.status = status;
        this.verb = verb;
    }

    /** The challenge status this answer asks for, {@code approved} or {@code denied}. */
    String status() {
        return status;
    }

    String verb() {
        return verb;
    }
}
