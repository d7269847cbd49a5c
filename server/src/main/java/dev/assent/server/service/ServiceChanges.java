package dev.assent.server.service;

import dev.assent.server.api.Input;
import dev.assent.server.sid.Sid;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a create or update request asks to set, each value checked for form by the edge (lengths,
 * TOTP ranges, SID shapes); absent values keep their current (or default) value. The parameters a
 * rule of this package may still refuse (a name that create requires, a credential that must be the
 * account's) come as {@link Input}s, named as the request named them.
 */
public record ServiceChanges(
        Input<String> friendlyName,
        Optional<Boolean> pushIncludeDate,
        Input<Sid> pushApnCredentialSid,
        Input<Sid> pushFcmCredentialSid,
        Optional<Boolean> pushReplaceOldestPending,
        Optional<String> totpIssuer,
        OptionalInt totpTimeStep,
        OptionalInt totpCodeLength,
        OptionalInt totpSkew,
        Passkeys passkeys) {

    /** The {@code Passkeys.*} parameters: the relying party's id and origins are checked by {@link PasskeySettings}. */
    public record Passkeys(Input<String> rpId, Optional<String> rpName, Input<List<String>> origins,
            Optional<PasskeySettings.Attachment> authenticatorAttachment, Optional<PasskeySettings.Requirement> discoverableCredentials,
            Optional<PasskeySettings.Requirement> userVerification) {

        public static final Passkeys NONE = new Passkeys(Input.of("Passkeys.RelyingParty.Id", Optional.empty()), Optional.empty(),
                Input.of("Passkeys.RelyingParty.Origins", Optional.empty()), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
