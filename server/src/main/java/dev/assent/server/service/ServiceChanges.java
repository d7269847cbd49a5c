package dev.assent.server.service;

import java.util.Optional;

/** What a create or update request asks to set; absent values keep their current (or default) value. */
public record ServiceChanges(
        Optional<String> friendlyName,
        Optional<Boolean> pushIncludeDate,
        Optional<String> pushApnCredentialSid,
        Optional<String> pushFcmCredentialSid,
        Optional<Boolean> pushReplaceOldestPending,
        Optional<String> totpIssuer,
        Optional<Integer> totpTimeStep,
        Optional<Integer> totpCodeLength,
        Optional<Integer> totpSkew) {
}
