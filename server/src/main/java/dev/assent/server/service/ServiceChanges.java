package dev.assent.server.service;

import dev.assent.server.api.Input;
import dev.assent.server.sid.Sid;
import java.util.Optional;

/**
 * What a create or update request asks to set; absent values keep their current (or default) value.
 * The parameters a rule may refuse come as {@link Input}s, named as the request named them.
 */
public record ServiceChanges(
        Input<String> friendlyName,
        Optional<Boolean> pushIncludeDate,
        Input<Sid> pushApnCredentialSid,
        Input<Sid> pushFcmCredentialSid,
        Optional<Boolean> pushReplaceOldestPending,
        Input<String> totpIssuer,
        Input<Integer> totpTimeStep,
        Input<Integer> totpCodeLength,
        Input<Integer> totpSkew) {
}
