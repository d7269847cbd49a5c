package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.device.passkey.PasskeyException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code assent device passkey register|login} share: the account credentials (flags or environment, never
 * stored), the passkey state file, and printing each request and answer as JSON.
 */
abstract class PasskeyAction extends DeviceAction {

    /** Environment variable naming the passkey state file when {@code --file} is not given. */
    static final String PASSKEY_FILE_ENV = "ASSENT_PASSKEY_FILE";
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--service", required = true, paramLabel = "VA_SID", description = "Service SID.")
    String service;

    @Mixin
    AccountCredentialOptions credentials;

    @Option(names = "--origin", paramLabel = "ORIGIN",
            description = "The page origin the browser would report (default: the relying party's first origin, else https://<rp id>).")
    String origin;

    /** The passkey state: {@code --file}, else {@code ASSENT_PASSKEY_FILE}, else {@code ~/.assent/passkey.json}. */
    PasskeyStateFile passkeyFile() {
        if (file != null) {
            return new PasskeyStateFile(file);
        }
        String env = System.getenv(PASSKEY_FILE_ENV);
        return new PasskeyStateFile(env == null || env.isBlank() ? PasskeyStateFile.defaultPath() : Path.of(env));
    }

    /** {@code Basic} of the account SID and auth token, from the flags or the environment. */
    String authorization() {
        return credentials.basic("the Passkeys API needs --account-sid AC_SID with --auth-token TOKEN "
                + "(or ASSENT_ACCOUNT_SID and ASSENT_AUTH_TOKEN in the environment)");
    }

    String passkeysPath() {
        return "/v2/Services/" + VerifyClient.segment(sid(service, "VA", "--service")) + "/Passkeys";
    }

    /** POSTs {@code body} to {@code path}, printing both; the reply if it is a success, else the server's refusal. */
    JsonNode post(VerifyClient client, String path, JsonNode body, String authorization) {
        out().println("POST " + path);
        out().println(Text.prettyJson(body));
        HttpReply reply = client.postJson(path, body.toString(), authorization);
        out().println("HTTP " + reply.status());
        if (reply.body() != null) {
            out().println(Text.prettyJson(reply.body()));
        }
        out().flush();
        return reply.orThrow().json();
    }

    /** The browser's refusal of a ceremony, as a usage error naming the DOMException. */
    static DeviceCliException refusedLocally(PasskeyException e) {
        return DeviceCliException.usage("the software passkey refused: " + e.getMessage());
    }

    /** The origin to report: {@code --origin}, else the first of {@code origins}, else {@code https://rpId}. */
    String originFor(JsonNode origins, String rpId) {
        if (origin != null) {
            return origin;
        }
        if (origins != null && origins.isArray() && !origins.isEmpty() && origins.get(0).isTextual()) {
            return origins.get(0).asText();
        }
        if (rpId == null) {
            throw DeviceCliException.usage("the options name no RP id: pass --origin");
        }
        return "https://" + rpId;
    }
}
