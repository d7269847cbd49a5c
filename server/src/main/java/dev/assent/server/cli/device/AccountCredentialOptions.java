package dev.assent.server.cli.device;

import picocli.CommandLine.Option;

/**
 * {@code --account-sid} and {@code --auth-token}, a picocli {@code @Mixin} of {@code assent device enroll} and
 * {@code assent device passkey register|login}: the account credentials from the flags, else from
 * {@code ASSENT_ACCOUNT_SID} / {@code ASSENT_AUTH_TOKEN}; never stored.
 */
final class AccountCredentialOptions {

    static final String SID_ENV = "ASSENT_ACCOUNT_SID";
    static final String TOKEN_ENV = "ASSENT_AUTH_TOKEN";

    @Option(names = "--account-sid", paramLabel = "AC_SID", description = "Account SID, with --auth-token (env " + SID_ENV + ").")
    String accountSid;

    @Option(names = "--auth-token", paramLabel = "TOKEN", description = "Auth token, with --account-sid (env " + TOKEN_ENV
            + "). Never stored.")
    String authToken;

    /** Whether either flag was given (the environment not counted). */
    boolean given() {
        return accountSid != null || authToken != null;
    }

    /**
     * {@code Basic} of the account SID and auth token, each from its flag or else the environment; {@code missing}
     * is the usage error when either is absent (or the token blank), and a malformed SID is one too.
     */
    String basic(String missing) {
        String sid = accountSid != null ? accountSid : System.getenv(SID_ENV);
        String token = authToken != null ? authToken : System.getenv(TOKEN_ENV);
        if (sid == null || token == null || token.isBlank()) {
            throw DeviceCliException.usage(missing);
        }
        return VerifyClient.basic(DeviceAction.sid(sid, "AC", "the account SID"), token);
    }
}
