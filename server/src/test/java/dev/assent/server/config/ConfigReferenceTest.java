package dev.assent.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference is generated from {@link ConfigKey}: this test fails when the
 * committed table differs, and rewrites it when run with {@code -Dassent.config.write=true}
 * ({@code ./mvnw -pl server test -Dtest=ConfigReferenceTest -Dassent.config.write=true}).
 */
class ConfigReferenceTest {

    static final Path README = Path.of("..", "README.md");
    static final String START = "<!-- configuration reference: generated from ConfigKey by ConfigReferenceTest; do not edit -->\n";
    static final String END = "<!-- end of the configuration reference -->\n";
    /** Variables read outside the server's configuration: the virtual device CLI's state files (push device, software passkey). */
    static final Set<String> NOT_SERVER_CONFIGURATION = Set.of("ASSENT_DEVICE_FILE", "ASSENT_PASSKEY_FILE");

    @Test
    void theReadmeTableIsTheGeneratedOne() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the reference's start marker").isNotNegative();
        assertThat(end).as("README has the reference's end marker after it").isGreaterThan(start);
        String committed = readme.substring(start + START.length(), end);
        String generated = ConfigKey.referenceTable();
        if (Boolean.getBoolean("assent.config.write") && !committed.equals(generated)) {
            Files.writeString(README, readme.substring(0, start + START.length()) + generated + readme.substring(end),
                    StandardCharsets.UTF_8);
            committed = generated;
        }
        assertThat(committed).as("README's configuration reference is stale: rerun ConfigReferenceTest with "
                + "-Dassent.config.write=true").isEqualTo(generated);
    }

    @Test
    void everyVariableTheServerNamesIsDeclared() throws IOException {
        Pattern name = Pattern.compile("\"(ASSENT_[A-Z0-9_]+)\"");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = name.matcher(Files.readString(file));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        Set<String> declared = Arrays.stream(ConfigKey.values()).map(ConfigKey::variable).collect(Collectors.toSet());
        named.removeAll(NOT_SERVER_CONFIGURATION);
        assertThat(named).isNotEmpty();
        assertThat(declared).containsAll(named);
    }

    @Test
    void eachVariableIsDeclaredOnceWithADescription() {
        assertThat(Arrays.stream(ConfigKey.values()).map(ConfigKey::variable)).doesNotHaveDuplicates()
                .allMatch(v -> v.startsWith("ASSENT_"));
        assertThat(ConfigKey.values()).allMatch(k -> !k.description().isBlank() && !k.type().isBlank() && !k.defaultText().isBlank())
                .allMatch(k -> !k.description().contains("|") && !k.defaultText().contains("|"));
    }
}
