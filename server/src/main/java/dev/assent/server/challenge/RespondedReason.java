package dev.assent.server.challenge;

/** Why a challenge was answered as it was; Twilio reports {@code none} for every ordinary answer. */
public enum RespondedReason {
    NONE, NOT_NEEDED, NOT_REQUESTED
}
