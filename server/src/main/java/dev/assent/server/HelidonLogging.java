package dev.assent.server;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is set up already: Helidon's own loggers reach SLF4J (through
 * {@code jul-to-slf4j} and {@code slf4j-jdk-platform-logging}) and logback is configured by
 * {@link LogbackConfigurator}. Without a provider Helidon prints a plain line on stderr when it starts, which
 * would be the one line of {@code ASSENT_LOG_FORMAT=json} output that is not JSON.
 */
public final class HelidonLogging implements LoggingProvider {

    @Override
    public void initialization() {
        // Configured by LogbackConfigurator before Helidon starts.
    }

    @Override
    public void runTime() {
        // Nothing changes at run time.
    }
}
