package dev.assent.server.service;

import dev.assent.server.api.Input;
import dev.assent.server.sid.Sid;
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
        OptionalInt totpSkew) {
}
