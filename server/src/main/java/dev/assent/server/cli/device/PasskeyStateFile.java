package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON file a software passkey lives in (default {@code ~/.assent/passkey.json}): the authenticator's state
 * (its credentials with their private keys and counters, {@link SoftwareAuthenticator#toJson()}) and, per
 * registration, where it was registered. Written as the device state file is (atomically, mode {@code 600}).
 *
 * <p>Format: {@code {"format":"assent-passkey/1","authenticator":{…},"registrations":[{"credential_id","factor_sid",
 * "base_url","service_sid","identity","rp_id","origin"}]}}. Messages never quote the file's content.
 */
final class PasskeyStateFile {

    static final String FORMAT = "assent-passkey/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Where one credential was registered. */
    record Registration(String credentialId, String factorSid, String baseUrl, String serviceSid, String identity,
                        String rpId, String origin) {
    }

    /** What the file holds. */
    record State(SoftwareAuthenticator authenticator, List<Registration> registrations) {
        State {
            registrations = new ArrayList<>(registrations);
        }
    }

    private final Path path;
    private final StateFile writer;

    PasskeyStateFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
        this.writer = new StateFile(this.path);
    }

    static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".assent", "passkey.json");
    }

    Path path() {
        return path;
    }

    /** The state in the file, or a new authenticator when there is no file yet. */
    State loadOrCreate() {
        if (!Files.exists(path)) {
            return new State(SoftwareAuthenticator.create(), List.of());
        }
        return load();
    }

    State load() {
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw corrupt("larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw DeviceCliException.usage("no passkey state at " + path + ": run `assent device passkey register` first, or pass --file");
        } catch (AccessDeniedException e) {
            throw DeviceCliException.usage("cannot read passkey state " + path + ": permission denied");
        } catch (IOException e) {
            throw DeviceCliException.usage("cannot read passkey state " + path + ": " + e.getClass().getSimpleName());
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw corrupt("not valid JSON");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw corrupt("not a passkey state file (expected \"format\": \"" + FORMAT + "\")");
        }
        SoftwareAuthenticator authenticator;
        try {
            authenticator = SoftwareAuthenticator.fromJson(root.path("authenticator"));
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        List<Registration> registrations = new ArrayList<>();
        for (JsonNode entry : root.path("registrations")) {
            registrations.add(new Registration(text(entry, "credential_id"), text(entry, "factor_sid"), text(entry, "base_url"),
                    text(entry, "service_sid"), text(entry, "identity"), text(entry, "rp_id"), text(entry, "origin")));
        }
        return new State(authenticator, registrations);
    }

    void save(State state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("authenticator", state.authenticator().toJson());
        ArrayNode list = root.putArray("registrations");
        for (Registration r : state.registrations()) {
            list.addObject().put("credential_id", r.credentialId()).put("factor_sid", r.factorSid()).put("base_url", r.baseUrl())
                    .put("service_sid", r.serviceSid()).put("identity", r.identity()).put("rp_id", r.rpId())
                    .put("origin", r.origin());
        }
        try {
            writer.write((JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DeviceCliException.usage("cannot write passkey state " + path + ": "
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()));
        }
    }

    boolean readableByOthers() {
        return writer.readableByOthers();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private DeviceCliException corrupt(String problem) {
        return DeviceCliException.usage("unusable passkey state " + path + ": " + problem + " (pass another --file)");
    }
}
