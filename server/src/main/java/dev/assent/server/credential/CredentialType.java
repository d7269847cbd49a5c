package dev.assent.server.credential;

import dev.assent.server.api.WireValue;
import java.util.Optional;

/** The push provider a credential is for, with the spelling of Twilio's {@code Type} parameter. */
public enum CredentialType implements WireValue {
    APN("apn"),
    FCM("fcm");

    private final String wireName;

    CredentialType(String wireName) {
        this.wireName = wireName;
    }

    /** The value Twilio's API accepts and returns, e.g. {@code apn}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses Twilio's wire value; any letter case matches (as Assent has always accepted), anything else is empty. */
    public static Optional<CredentialType> fromWire(String value) {
        for (CredentialType type : values()) {
            if (type.wireName.equalsIgnoreCase(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
