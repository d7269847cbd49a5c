package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assent device show YC…}: one challenge in full (docs/push-protocol.md §5.1). */
@Command(name = "show", description = "Show a challenge: message, fields, hidden details, dates, status.")
final class ShowCommand extends DeviceAction {

    @Parameters(index = "0", paramLabel = "YC_SID", description = "Challenge SID.")
    String challengeSid;

    @Option(names = "--json", description = "Print the challenge JSON as the server sent it.")
    boolean json;

    @Override
    int execute() {
        FetchedChallenge challenge = device().fetch(sid(challengeSid, "YC", "the challenge SID"));
        if (json) {
            out().println(Text.prettyJson(challenge.body()));
        } else {
            challenge.view().printDetails(out());
            List<JsonNode> pushes = device().notifications(challengeSid);
            if (!pushes.isEmpty()) {
                JsonNode last = pushes.get(pushes.size() - 1);
                out().println("  Pushes:    " + pushes.size() + " (last " + Text.safe(last.path("sid").asText()) + " at "
                        + Text.safe(last.path("date_created").asText()) + ", ttl " + last.path("ttl").asInt() + " s)");
            }
        }
        return 0;
    }
}
