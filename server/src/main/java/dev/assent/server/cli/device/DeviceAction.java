package dev.assent.server.cli.device;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every {@code assent device} subcommand shares: {@code --file}, output streams, and turning a
 * {@link DeviceCliException} into one line on stderr and its exit code.
 */
abstract class DeviceAction implements Callable<Integer> {

    /** Environment variable naming the state file when {@code --file} is not given. */
    static final String FILE_ENV = "ASSENT_DEVICE_FILE";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--file", paramLabel = "PATH",
            description = "State file (env " + FILE_ENV + ", default ~/.assent/device.json; for `passkey` commands env "
                    + PasskeyAction.PASSKEY_FILE_ENV + ", default ~/.assent/passkey.json). One file per device.")
    Path file;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (DeviceCliException e) {
            err().println("assent device: " + e.getMessage());
            return e.exitCode();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** The command's work; returns its exit code or throws a {@link DeviceCliException}. */
    abstract int execute();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    StateFile stateFile() {
        if (file != null) {
            return new StateFile(file);
        }
        String env = System.getenv(FILE_ENV);
        return new StateFile(env == null || env.isBlank() ? StateFile.defaultPath() : Path.of(env));
    }

    /** The enrolled device of the state file. */
    PushDevice device() {
        StateFile stateFile = stateFile();
        DeviceState state = stateFile.load();
        if (stateFile.readableByOthers()) {
            err().println("assent device: warning: " + stateFile.path() + " holds a private key and is readable by others; "
                    + "chmod 600 it");
        }
        return new PushDevice(stateFile, state, Clock.systemUTC(), err());
    }

    /** {@code value} if it is a SID with the given two-letter prefix (32 hex digits follow), else a usage error. */
    static String sid(String value, String prefix, String what) {
        if (value == null || !value.matches(prefix + "[0-9a-fA-F]{32}")) {
            throw DeviceCliException.usage(what + " must be " + prefix + " followed by 32 hex digits, not \"" + Text.safe(value) + "\"");
        }
        return value;
    }
}
