package dev.assent.server.passkey;

import dev.assent.server.factor.Factor;
import dev.assent.server.factor.PasskeyBinding;
import java.util.List;

/**
 * A passkeys factor just created, with what its creation options show: the entity's WebAuthn
 * {@code user.id} and the credentials it already has (to exclude).
 */
public record PasskeyRegistration(Factor factor, PasskeyBinding binding, String userId, List<PasskeyStore.AllowedCredential> exclude,
        long timeoutMillis) {
    public PasskeyRegistration {
        exclude = List.copyOf(exclude);
    }
}
