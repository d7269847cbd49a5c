package dev.assent.server.cli.device;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.device.DeviceKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The JSON file a virtual device lives in (default {@code ~/.assent/device.json}).
 *
 * <p>Format (version 1), snake_case like the API:
 * {@code {"format":"assent-device/1","base_url":…,"account_sid":…,"service_sid":…,"identity":…,"factor_sid":…,
 * "credential_sid":…,"friendly_name":…,"public_key":…,"private_key":…,"clock_offset_seconds":…}}.
 *
 * <p>Writes are atomic (a temporary file in the same directory, flushed to disk, then renamed over the
 * old one) and the file is created with POSIX permissions {@code 600} (its directory, when created here,
 * {@code 700}). Error messages name the file and the problem but never quote its content.
 */
final class StateFile {

    static final String FORMAT = "assent-device/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    StateFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    /** {@code ~/.assent/device.json}. */
    static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".assent", "device.json");
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    DeviceState load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw DeviceCliException.usage("no device state at " + path + ": run `assent device enroll` first, or pass --file");
        } catch (AccessDeniedException e) {
            throw DeviceCliException.usage("cannot read device state " + path + ": permission denied");
        } catch (IOException e) {
            throw DeviceCliException.usage("cannot read device state " + path + ": " + e.getClass().getSimpleName());
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw corrupt("not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw corrupt("not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw corrupt("not a JSON object");
        }
        if (!FORMAT.equals(text(root, "format", false))) {
            throw corrupt("not an assent device state file (expected \"format\": \"" + FORMAT + "\")");
        }
        URI base;
        try {
            base = URI.create(text(root, "base_url", true));
        } catch (IllegalArgumentException e) {
            throw corrupt("base_url is not a URL");
        }
        JsonNode offset = root.get("clock_offset_seconds");
        if (offset != null && !offset.isNull() && !offset.canConvertToLong()) {
            throw corrupt("clock_offset_seconds is not a whole number");
        }
        DeviceState state = new DeviceState(base, text(root, "account_sid", true), text(root, "service_sid", true),
                text(root, "identity", true), text(root, "factor_sid", true), text(root, "credential_sid", true),
                text(root, "friendly_name", false), text(root, "public_key", true), text(root, "private_key", true),
                offset == null || offset.isNull() ? 0 : offset.asLong());
        try {
            // Fail here, with a clear message, rather than at the first signature.
            DeviceKey.decode(state.publicKey(), state.privateKey());
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        return state;
    }

    /** Whether the file can be read by anyone but its owner (worth a warning: it holds a private key). */
    boolean readableByOthers() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    void save(DeviceState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("base_url", state.baseUrl().toString());
        root.put("account_sid", state.accountSid());
        root.put("service_sid", state.serviceSid());
        root.put("identity", state.identity());
        root.put("factor_sid", state.factorSid());
        root.put("credential_sid", state.credentialSid());
        root.put("friendly_name", state.friendlyName());
        root.put("public_key", state.publicKey());
        root.put("private_key", state.privateKey());
        root.put("clock_offset_seconds", state.clockOffsetSeconds());
        try {
            byte[] bytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
            write(bytes);
        } catch (IOException e) {
            throw DeviceCliException.usage("cannot write device state " + path + ": " + describe(e));
        }
    }

    /** Writes {@code bytes} atomically, mode 600 (also the passkey state file's writer). */
    void write(byte[] bytes) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = Channels.newOutputStream(channel)) {
                out.write(bytes);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String describe(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
    }

    private String text(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw corrupt("missing \"" + field + "\"");
            }
            return null;
        }
        if (!node.isTextual() || (required && node.asText().isBlank())) {
            throw corrupt("\"" + field + "\" is not a non-empty string");
        }
        return node.asText();
    }

    private DeviceCliException corrupt(String problem) {
        return DeviceCliException.usage("unusable device state " + path + ": " + problem
                + " (enroll again with `assent device enroll --force`, or pass another --file)");
    }
}
