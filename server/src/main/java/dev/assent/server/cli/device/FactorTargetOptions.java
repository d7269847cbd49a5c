package dev.assent.server.cli.device;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * {@code --url} and {@code --identity}, both required, a picocli {@code @Mixin} of the commands that create a factor
 * ({@code assent device enroll}, {@code assent device passkey register}): where the server is and for whom.
 */
final class FactorTargetOptions {

    @Option(names = "--url", required = true, paramLabel = "URL", description = "Server base URL, e.g. http://127.0.0.1:8080.")
    String url;

    @Option(names = "--identity", required = true, paramLabel = "ID", description = "Entity identity (created if new).")
    String identity;

    /** The server's base URL, normalised as {@link VerifyClient#normaliseBase} does it. */
    URI base() {
        return VerifyClient.normaliseBase(url);
    }

    /** The identity; a usage error when it is blank. */
    String identity() {
        if (identity.isBlank()) {
            throw DeviceCliException.usage("--identity must not be empty");
        }
        return identity;
    }
}
