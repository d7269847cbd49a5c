package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.PasskeyException;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assent device passkey login}: {@code POST …/Passkeys/Challenges} ({@code {}}, {@code {identity}} or
 * {@code {identity, factor_sid}}), the software authenticator signs the request options with the matching passkey
 * (its counter saved first), then {@code POST …/Passkeys/ApproveChallenge} with the assertion JSON.
 */
@Command(name = "login", description = "Create a passkeys challenge, sign it with the stored passkey, and approve it.")
final class PasskeyLoginCommand extends PasskeyAction {

    @Option(names = "--url", paramLabel = "URL",
            description = "Server base URL (default: where this file's last passkey for --service was registered).")
    String url;

    @Option(names = "--identity", paramLabel = "ID", description = "Entity identity (omit for a discoverable login).")
    String identity;

    @Option(names = "--factor", paramLabel = "YF_SID", description = "One passkeys factor of --identity.")
    String factor;

    @Override
    int execute() {
        String authorization = authorization();
        sid(service, "VA", "--service");
        if (factor != null) {
            sid(factor, "YF", "--factor");
            if (identity == null) {
                throw DeviceCliException.usage("--factor needs --identity");
            }
        }
        PasskeyStateFile stateFile = passkeyFile();
        PasskeyStateFile.State state = stateFile.load();
        if (stateFile.readableByOthers()) {
            err().println("assent device: warning: " + stateFile.path() + " holds private keys and is readable by others; chmod 600 it");
        }
        List<PasskeyStateFile.Registration> mine = state.registrations().stream()
                .filter(r -> service.equals(r.serviceSid())).toList();
        URI base = VerifyClient.normaliseBase(url != null ? url : mine.isEmpty()
                ? failNoUrl() : mine.get(mine.size() - 1).baseUrl());
        VerifyClient client = new VerifyClient(base);

        ObjectNode create = JSON.createObjectNode();
        if (identity != null) {
            create.put("identity", identity);
        }
        if (factor != null) {
            create.put("factor_sid", factor);
        }
        JsonNode challenge = post(client, passkeysPath() + "/Challenges", create, authorization);
        JsonNode options = challenge.path("options");
        String rpId = options.path("publicKey").path("rpId").asText(null);
        String pageOrigin = origin != null ? origin : mine.stream().filter(r -> r.rpId() != null && r.rpId().equals(rpId))
                .reduce((first, last) -> last).map(PasskeyStateFile.Registration::origin)
                .orElseGet(() -> originFor(null, rpId));
        PasskeyAssertion assertion;
        try {
            assertion = state.authenticator().authenticate(options, pageOrigin);
        } catch (PasskeyException e) {
            throw refusedLocally(e);
        }
        stateFile.save(state); // the counter moved on, whatever the server says
        err().println("Signed with passkey " + assertion.credential().id() + " (counter " + assertion.signCount() + ", origin "
                + Text.safe(pageOrigin) + ")");

        JsonNode approved = post(client, passkeysPath() + "/ApproveChallenge", assertion.json(), authorization);
        String status = approved.path("status").asText("");
        if (!status.equals("approved")) {
            err().println("assent device: challenge " + Text.safe(approved.path("sid").asText()) + " is " + Text.safe(status));
            return DeviceCliException.REFUSED;
        }
        err().println("Challenge " + Text.safe(approved.path("sid").asText()) + " is approved for identity "
                + Text.safe(approved.path("identity").asText()) + " (factor " + Text.safe(approved.path("factor_sid").asText()) + ").");
        return 0;
    }

    private static String failNoUrl() {
        throw DeviceCliException.usage("no passkey of this file was registered on --service: pass --url");
    }
}
