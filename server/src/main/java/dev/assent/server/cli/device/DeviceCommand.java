package dev.assent.server.cli.device;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code assent device}: a virtual push device for the terminal. It enrolls a push factor with a fresh
 * P-256 key, then verifies it, lists, shows, approves and denies its challenges, or watches for new ones,
 * exactly as the Verify Push mobile SDK would, over the public HTTP API only. {@code assent device passkey} is a
 * software passkey driven through the Passkeys API as a relying party's backend would drive it.
 */
@Command(name = "device", description = "A virtual push device in the terminal (the Verify Push mobile SDK protocol).",
        subcommands = {EnrollCommand.class, VerifyCommand.class, ChallengesCommand.class, ShowCommand.class,
            AnswerCommand.Approve.class, AnswerCommand.Deny.class, WatchCommand.class, PasskeyCommand.class},
        footer = {"", "Exit codes: 0 success, 1 refused by the server (or unreachable), 2 usage or device state errors."})
public final class DeviceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
