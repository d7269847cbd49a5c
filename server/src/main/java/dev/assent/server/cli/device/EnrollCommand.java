package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.device.DeviceKey;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assent device enroll}: a fresh P-256 key, a push factor created with it (docs/push-protocol.md §2), the
 * state saved, and the factor verified (§3) unless {@code --no-verify}.
 */
@Command(name = "enroll", description = "Create a push factor with a new key, save the device state, and verify the factor.")
final class EnrollCommand extends DeviceAction {

    /** {@code Config.SdkVersion} this device reports. */
    static final String SDK_VERSION = "assent-device/0.1";

    @Mixin
    FactorTargetOptions target;

    @Option(names = "--service", required = true, paramLabel = "VA_SID", description = "Service SID.")
    String service;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "Assent virtual device",
            description = "Factor friendly name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--access-token", paramLabel = "TOKEN",
            description = "Enrollment access token from POST /v2/Services/{VA}/AccessTokens (sent as Basic token:<TOKEN>).")
    String accessToken;

    @Mixin
    AccountCredentialOptions credentials;

    @Option(names = "--app-id", paramLabel = "ID", defaultValue = "dev.assent.device",
            description = "Config.AppId (default: ${DEFAULT-VALUE}).")
    String appId;

    @Option(names = "--no-verify", description = "Leave the factor unverified (run `assent device verify` later).")
    boolean noVerify;

    @Option(names = "--force", description = "Replace an existing state file (the old factor stays on the server).")
    boolean force;

    @Override
    int execute() {
        URI base = target.base();
        sid(service, "VA", "--service");
        String identity = target.identity();
        String authorization = authorization();
        StateFile stateFile = stateFile();
        if (stateFile.exists() && !force) {
            throw DeviceCliException.usage("device state " + stateFile.path() + " already exists: pass --force to replace it, "
                    + "or --file for another device");
        }
        DeviceKey key = DeviceKey.generate();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("FriendlyName", name);
        form.put("FactorType", "push");
        form.put("Binding.PublicKey", key.publicKeyBase64());
        form.put("Binding.Alg", "ES256");
        form.put("Config.SdkVersion", SDK_VERSION);
        form.put("Config.AppId", appId);
        form.put("Config.NotificationPlatform", "none");
        // Factor creation is not retried on 401, as in the SDKs: the access token is not time-corrected.
        JsonNode factor = new VerifyClient(base).post(DeviceState.entityPath(service, identity) + "/Factors", form, authorization)
                .orThrow().json();
        DeviceState state = new DeviceState(base, required(factor, "account_sid"), service, identity, required(factor, "sid"),
                required(factor.path("config"), "credential_sid"), name, key.publicKeyBase64(), key.privateKeyBase64(), 0);
        stateFile.save(state);
        out().println("Enrolled push factor " + state.factorSid() + " for identity " + Text.safe(identity) + " on service " + service);
        out().println("Device state saved to " + stateFile.path());
        if (noVerify) {
            out().println("Factor " + state.factorSid() + " is unverified; run `assent device verify` to verify it.");
            return 0;
        }
        String status = new PushDevice(stateFile, state, Clock.systemUTC(), err()).verify();
        return VerifyCommand.report(out(), state.factorSid(), status);
    }

    private String authorization() {
        if (accessToken != null) {
            if (credentials.given()) {
                throw DeviceCliException.usage("use either --access-token, or --account-sid with --auth-token, not both");
            }
            if (accessToken.isBlank()) {
                throw DeviceCliException.usage("--access-token must not be empty");
            }
            return VerifyClient.basic("token", accessToken);
        }
        return credentials.basic("enrolling needs --access-token TOKEN, or --account-sid AC_SID with --auth-token TOKEN "
                + "(or ASSENT_ACCOUNT_SID and ASSENT_AUTH_TOKEN in the environment)");
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw DeviceCliException.refused("the server's factor response lacks \"" + field + "\"");
        }
        return value.asText();
    }
}
