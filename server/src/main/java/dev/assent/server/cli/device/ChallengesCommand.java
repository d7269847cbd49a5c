package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assent device challenges}: this factor's challenges, one line each (docs/push-protocol.md §5.2). */
@Command(name = "challenges", description = "List the factor's challenges: sid, status, expiration, message.")
final class ChallengesCommand extends DeviceAction {

    private static final Set<String> STATUSES = Set.of("pending", "approved", "denied", "expired");

    @Option(names = "--status", paramLabel = "STATUS", description = "Only challenges with this status: pending, approved, denied or expired.")
    String status;

    @Option(names = "--json", description = "Print the challenges as a JSON array, as the server sent them.")
    boolean json;

    @Override
    int execute() {
        if (status != null && !STATUSES.contains(status)) {
            throw DeviceCliException.usage("--status must be pending, approved, denied or expired, not \"" + Text.safe(status) + "\"");
        }
        List<JsonNode> challenges = device().challenges(Optional.ofNullable(status));
        if (json) {
            out().println(Text.prettyJson(new ObjectMapper().createArrayNode().addAll(challenges)));
            return 0;
        }
        if (challenges.isEmpty()) {
            err().println("(no " + (status == null ? "" : status + " ") + "challenges)");
        }
        challenges.forEach(c -> out().println(ChallengeView.of(c).line()));
        return 0;
    }
}
