package dev.assent.server.cli.device;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code assent device approve|deny YC…}: answers a pending challenge as the SDKs do (docs/push-protocol.md
 * §6.1) and succeeds only once the server shows the new status.
 */
abstract class AnswerCommand extends DeviceAction {

    @Parameters(index = "0", paramLabel = "YC_SID", description = "Challenge SID.")
    String challengeSid;

    abstract Answer answer();

    @Override
    int execute() {
        String sid = sid(challengeSid, "YC", "the challenge SID");
        FetchedChallenge after = device().answer(sid, answer());
        out().println("Challenge " + sid + " is " + after.status() + ".");
        return 0;
    }

    /** {@code assent device approve}. */
    @Command(name = "approve", description = "Approve a pending challenge (signed with the device key).")
    static final class Approve extends AnswerCommand {
        @Override
        Answer answer() {
            return Answer.APPROVED;
        }
    }

    /** {@code assent device deny}. */
    @Command(name = "deny", description = "Deny a pending challenge (signed with the device key).")
    static final class Deny extends AnswerCommand {
        @Override
        Answer answer() {
            return Answer.DENIED;
        }
    }
}
