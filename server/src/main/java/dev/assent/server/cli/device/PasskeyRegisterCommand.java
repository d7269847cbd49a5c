package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.device.passkey.CeremonySettings;
import dev.assent.device.passkey.PasskeyAttestation;
import dev.assent.device.passkey.PasskeyException;
import dev.assent.device.passkey.PasskeyRegistration;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assent device passkey register}: {@code POST …/Passkeys/Factors}, the software authenticator answers the
 * creation options (ES256, {@code none} or {@code packed} self attestation), the credential is kept in the state file,
 * then {@code POST …/Passkeys/VerifyFactor} with the credential JSON.
 */
@Command(name = "register", description = "Create a passkeys factor, make a credential for it, and verify it.")
final class PasskeyRegisterCommand extends PasskeyAction {

    @Mixin
    FactorTargetOptions target;

    @Option(names = "--friendly-name", paramLabel = "NAME", defaultValue = "Assent software passkey",
            description = "Factor friendly name (default: ${DEFAULT-VALUE}).")
    String friendlyName;

    @Option(names = "--attestation", paramLabel = "none|packed",
            description = "Attestation format (default: as the options ask: none stays none, else packed self attestation).")
    String attestation;

    @Override
    int execute() {
        URI base = target.base();
        String authorization = authorization();
        String identity = target.identity();
        CeremonySettings settings = CeremonySettings.DEFAULT;
        if (attestation != null) {
            try {
                settings = settings.withAttestation(PasskeyAttestation.fromWire(attestation));
            } catch (IllegalArgumentException e) {
                throw DeviceCliException.usage("--" + e.getMessage());
            }
        }
        PasskeyStateFile stateFile = passkeyFile();
        PasskeyStateFile.State state = stateFile.loadOrCreate();
        VerifyClient client = new VerifyClient(base);

        ObjectNode create = JSON.createObjectNode().put("friendly_name", friendlyName).put("identity", identity);
        JsonNode factor = post(client, passkeysPath() + "/Factors", create, authorization);
        JsonNode options = factor.path("options");
        String rpId = options.path("publicKey").path("rp").path("id").asText(null);
        String pageOrigin = originFor(factor.path("config").path("relying_party").path("origins"), rpId);
        PasskeyRegistration registration;
        try {
            registration = state.authenticator().register(options, pageOrigin, settings);
        } catch (PasskeyException e) {
            throw refusedLocally(e);
        }
        String factorSid = factor.path("sid").asText(null);
        // Kept before VerifyFactor: a credential the server accepted must not be lost with a lost answer.
        state.registrations().add(new PasskeyStateFile.Registration(registration.credential().id(), factorSid, base.toString(),
                service, identity, registration.credential().rpId(), pageOrigin));
        stateFile.save(state);
        err().println("Passkey " + registration.credential().id() + " for " + Text.safe(rpId) + " (origin " + Text.safe(pageOrigin)
                + ") saved to " + stateFile.path());

        JsonNode verified = post(client, passkeysPath() + "/VerifyFactor", registration.json(), authorization);
        String status = verified.path("status").asText("");
        if (!status.equals("verified")) {
            err().println("assent device: factor " + Text.safe(factorSid) + " is " + Text.safe(status) + ", not verified");
            return DeviceCliException.REFUSED;
        }
        err().println("Passkeys factor " + Text.safe(factorSid) + " is verified.");
        return 0;
    }
}
