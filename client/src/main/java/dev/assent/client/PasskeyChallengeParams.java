package dev.assent.client;

import dev.assent.client.internal.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of CreateChallengePasskeys: {@code {}} for a discoverable (usernameless) login, {@code {identity}} for
 * one entity's passkeys, {@code {identity, factor_sid}} for one passkey.
 *
 * @param identity  the entity's identity, or null (discoverable)
 * @param factorSid the {@code YF…} factor, or null; needs {@code identity}
 */
public record PasskeyChallengeParams(String identity, String factorSid) {

    public PasskeyChallengeParams {
        if (identity != null) {
            Check.identity("identity", identity);
        }
        if (factorSid != null) {
            Check.sid("factor_sid", factorSid, "YF");
            Check.notNull("identity (with factor_sid)", identity);
        }
    }

    /** {@code {}}: any passkey of the relying party may answer. */
    public static PasskeyChallengeParams discoverable() {
        return new PasskeyChallengeParams(null, null);
    }

    /** {@code {identity}}: one of this entity's passkeys. */
    public static PasskeyChallengeParams identity(String identity) {
        return new PasskeyChallengeParams(Check.notNull("identity", identity), null);
    }

    /** {@code {identity, factor_sid}}: this passkey. */
    public static PasskeyChallengeParams factor(String identity, String factorSid) {
        return new PasskeyChallengeParams(Check.notNull("identity", identity), Check.notNull("factor_sid", factorSid));
    }

    Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (identity != null) {
            body.put("identity", identity);
        }
        if (factorSid != null) {
            body.put("factor_sid", factorSid);
        }
        return body;
    }
}
