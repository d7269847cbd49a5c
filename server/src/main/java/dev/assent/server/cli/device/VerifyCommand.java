package dev.assent.server.cli.device;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code assent device verify}: proves possession of the key for an unverified factor (docs/push-protocol.md §3). */
@Command(name = "verify", description = "Verify the enrolled factor (AuthPayload = signature of the factor SID).")
final class VerifyCommand extends DeviceAction {

    @Override
    int execute() {
        PushDevice device = device();
        return report(out(), device.state().factorSid(), device.verify());
    }

    /** Prints the outcome of a verification; exit 0 when verified, 1 when the server left it unverified. */
    static int report(PrintWriter out, String factorSid, String status) {
        if ("verified".equals(status)) {
            out.println("Factor " + factorSid + " is verified.");
            return 0;
        }
        throw DeviceCliException.refused("the server left factor " + factorSid + " " + Text.safe(status)
                + ": it did not accept the proof");
    }
}
