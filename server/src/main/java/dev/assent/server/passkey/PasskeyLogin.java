package dev.assent.server.passkey;

import java.util.List;

/** A login challenge just created, with the credentials its request options allow (none: discoverable). */
public record PasskeyLogin(PasskeyChallenge challenge, List<PasskeyStore.AllowedCredential> allow, long timeoutMillis) {
    public PasskeyLogin {
        allow = List.copyOf(allow);
    }
}
