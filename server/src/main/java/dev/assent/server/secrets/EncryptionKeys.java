package dev.assent.server.secrets;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's keyring: the first key is active (it seals everything written), the others only open
 * what they sealed, until {@code assent encryption rotate} has re-sealed it. Written as
 * {@code id:base64key} entries separated by commas or lines ({@code #} starts a comment), in
 * {@code ASSENT_ENCRYPTION_KEYS} or in the file {@code ASSENT_ENCRYPTION_KEY_FILE} names.
 *
 * @param keys the keys, active first; empty for {@link #NONE}
 */
public record EncryptionKeys(List<EncryptionKey> keys) {

    /** No keys: the production default, on which a server refuses to start. */
    public static final EncryptionKeys NONE = new EncryptionKeys(List.of());
    public static final String KEYS_VARIABLE = "ASSENT_ENCRYPTION_KEYS";
    public static final String FILE_VARIABLE = "ASSENT_ENCRYPTION_KEY_FILE";
    /** The key file {@code assent dev} creates in its data directory. */
    public static final String DEV_KEY_FILE = "encryption.keys";

    public EncryptionKeys {
        keys = List.copyOf(keys);
        Set<String> ids = new HashSet<>();
        for (EncryptionKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("encryption key id " + key.id() + " appears twice");
            }
        }
    }

    /** A keyring of one fresh key (tests, and {@code dev}'s first start). */
    public static EncryptionKeys generate(String id) {
        return new EncryptionKeys(List.of(EncryptionKey.generate(id)));
    }

    /** Parses {@code id:base64key} entries; {@code source} names where they came from in error messages. */
    public static EncryptionKeys parse(String text, String source) {
        List<EncryptionKey> keys = new ArrayList<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            String content = comment >= 0 ? line.substring(0, comment) : line;
            for (String entry : content.split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    // The entry may be a bare key: never quote it.
                    throw new IllegalArgumentException(source + ": an entry is not id:base64key");
                }
                String id = trimmed.substring(0, colon);
                byte[] material;
                try {
                    material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": encryption key " + id + " is not valid base64");
                }
                keys.add(new EncryptionKey(id, material));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no encryption key");
        }
        return new EncryptionKeys(keys);
    }

    /** Reads a key file in the format of {@link #parse}. */
    public static EncryptionKeys readFile(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read encryption key file " + file + ": " + e.getMessage());
        }
    }

    /** The keys the environment names ({@code ASSENT_ENCRYPTION_KEYS} or {@code ASSENT_ENCRYPTION_KEY_FILE}), if any. */
    public static Optional<EncryptionKeys> fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** The keys the configuration names ({@code ASSENT_ENCRYPTION_KEYS} or {@code ASSENT_ENCRYPTION_KEY_FILE}), if any. */
    public static Optional<EncryptionKeys> from(ConfigSource config) {
        Optional<String> inline = config.raw(ConfigKey.ENCRYPTION_KEYS);
        Optional<Path> file = config.path(ConfigKey.ENCRYPTION_KEY_FILE);
        if (inline.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("set either " + KEYS_VARIABLE + " or " + FILE_VARIABLE + ", not both");
        }
        if (inline.isPresent()) {
            return Optional.of(parse(inline.get(), KEYS_VARIABLE));
        }
        return file.map(EncryptionKeys::readFile);
    }

    /**
     * {@code dev}'s keys: the environment's if set, else the key file in the data directory, created
     * ({@code 0600}, one fresh key) on first start.
     *
     * @return the keys and, when they came from the data directory, that file and whether it was just created
     */
    public static DevKeys forDev(Map<String, String> env, Path dataDir) {
        return forDev(ConfigSource.of(env), dataDir);
    }

    /** As {@link #forDev(Map, Path)}, from the loaded configuration. */
    public static DevKeys forDev(ConfigSource config, Path dataDir) {
        Optional<EncryptionKeys> configured = from(config);
        if (configured.isPresent()) {
            return new DevKeys(configured.get(), Optional.empty(), false);
        }
        Path file = dataDir.resolve(DEV_KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            boolean posix = Files.getFileAttributeView(dataDir.toAbsolutePath().getRoot(), PosixFileAttributeView.class) != null;
            EncryptionKeys fresh = generate("dev1");
            try {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException exists) {
                return new DevKeys(readFile(file), Optional.of(file), false);
            }
            Files.writeString(file, "# Assent dev encryption keys: back this file up with the database; without it the "
                    + "secrets in the database cannot be read.\n" + fresh.keys().get(0).toEntry() + "\n", StandardCharsets.UTF_8);
            return new DevKeys(fresh, Optional.of(file), true);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create encryption key file " + file + ": " + e.getMessage());
        }
    }

    /** {@code dev}'s keys and where they came from. */
    public record DevKeys(EncryptionKeys keys, Optional<Path> file, boolean created) {
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The key that seals: the first. */
    public EncryptionKey active() {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no encryption keys");
        }
        return keys.get(0);
    }

    public Optional<EncryptionKey> find(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The key ids, active first: what a log may show. */
    public List<String> ids() {
        return keys.stream().map(EncryptionKey::id).toList();
    }

    @Override
    public String toString() {
        return "EncryptionKeys" + ids();
    }
}
