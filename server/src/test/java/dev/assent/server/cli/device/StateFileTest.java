package dev.assent.server.cli.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.device.DeviceKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path dir;

    private static DeviceState state(DeviceKey key) {
        return new DeviceState(URI.create("http://127.0.0.1:8080"), "AC" + "1".repeat(32), "VA" + "2".repeat(32), "alice-0001",
                "YF" + "3".repeat(32), "CR" + "4".repeat(32), "Terminal", key.publicKeyBase64(), key.privateKeyBase64(), 42);
    }

    @Test
    void savesAtomicallyWithOwnerOnlyPermissionsAndLoadsBack() throws Exception {
        StateFile file = new StateFile(dir.resolve("new").resolve("device.json"));
        DeviceState saved = state(DeviceKey.generate());
        file.save(saved);
        file.save(saved.withClockOffset(-7));

        assertThat(Files.getPosixFilePermissions(file.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.path().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(file.load()).isEqualTo(saved.withClockOffset(-7));
        assertThat(file.readableByOthers()).isFalse();
        try (var files = Files.list(file.path().getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void stateToStringHidesThePrivateKey() {
        DeviceState state = state(DeviceKey.generate());
        assertThat(state.toString()).doesNotContain(state.privateKey()).contains("<redacted>");
    }

    @Test
    void problemsAreUsageErrorsThatNameTheFileButNotItsContent() throws Exception {
        Path path = dir.resolve("device.json");
        StateFile file = new StateFile(path);
        assertThatThrownBy(file::load).isInstanceOfSatisfying(DeviceCliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(DeviceCliException.USAGE);
            assertThat(e.getMessage()).contains("no device state at " + path);
        });

        Files.writeString(path, "{\"private_key\":\"c2VjcmV0\"\n,,");
        assertThatThrownBy(file::load).isInstanceOfSatisfying(DeviceCliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(DeviceCliException.USAGE);
            assertThat(e.getMessage()).contains(path.toString()).contains("not valid JSON (line 2").doesNotContain("c2VjcmV0");
        });

        DeviceState good = state(DeviceKey.generate());
        file.save(good);
        String json = Files.readString(path);
        Files.writeString(path, json.replace("\"identity\" : \"alice-0001\",", ""));
        assertThatThrownBy(file::load).hasMessageContaining("missing \"identity\"");

        DeviceState other = state(DeviceKey.generate());
        Files.writeString(path, json.replace(good.publicKey(), other.publicKey()));
        assertThatThrownBy(file::load).hasMessageContaining("do not belong together").hasMessageNotContaining(good.privateKey());

        Files.writeString(path, json.replace("assent-device/1", "something-else"));
        assertThatThrownBy(file::load).hasMessageContaining("not an assent device state file");
    }

    @Test
    void aFileOthersCanReadIsNoticed() throws Exception {
        StateFile file = new StateFile(dir.resolve("device.json"));
        file.save(state(DeviceKey.generate()));
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(file.readableByOthers()).isTrue();
    }
}
