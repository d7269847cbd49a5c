package dev.assent.server.sid;

/** The resource types Assent issues SIDs for, with Twilio's two-letter prefixes. */
public enum SidType {
    ACCOUNT("AC"),
    SERVICE("VA"),
    ENTITY("YE"),
    FACTOR("YF"),
    CHALLENGE("YC"),
    NOTIFICATION("NT"),
    WEBHOOK("YW"),
    ACCESS_TOKEN("YK"),
    /** The per-factor credential a push device names as {@code kid} in its JWTs. */
    CREDENTIAL("CR"),
    /** An API key: a second credential for an account, Twilio's {@code SK…}. */
    API_KEY("SK"),
    /** One event on its way to one webhook (Assent's outbox row; Twilio shows none). */
    DELIVERY("WD");

    private final String prefix;

    SidType(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
