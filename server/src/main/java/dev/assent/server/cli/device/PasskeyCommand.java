package dev.assent.server.cli.device;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code assent device passkey}: a software passkey (dev.assent.device.passkey) in the terminal. {@code register} and
 * {@code login} drive the Passkeys API exactly as a relying party's backend would, with the browser's part played by
 * the software authenticator, and print every JSON step.
 */
@Command(name = "passkey", description = "A software passkey: register and log in through the Passkeys API, printing each JSON step.",
        subcommands = {PasskeyRegisterCommand.class, PasskeyLoginCommand.class},
        footer = {"", "Exit codes: 0 success, 1 refused by the server (or unreachable), 2 usage or state errors."})
final class PasskeyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
