package dev.assent.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeveloperConsoleTest {

    @Test
    void passkeysAddressIsLocalhostOnTheSamePortForALoopbackIp() {
        assertThat(DeveloperConsole.passkeysAddress("http://127.0.0.1:8080")).hasValue("http://localhost:8080/console");
        assertThat(DeveloperConsole.passkeysAddress("http://[::1]:9000")).hasValue("http://localhost:9000/console");
        assertThat(DeveloperConsole.passkeysAddress("https://127.0.0.1")).hasValue("https://localhost/console");
    }

    @Test
    void passkeysAddressIsEmptyWhereTheHostIsAlreadyAName() {
        assertThat(DeveloperConsole.passkeysAddress("http://localhost:8080")).isEmpty();
        assertThat(DeveloperConsole.passkeysAddress("https://verify.example.com")).isEmpty();
        assertThat(DeveloperConsole.passkeysAddress("http://127.0.0.2:8080")).isEmpty();
    }
}
