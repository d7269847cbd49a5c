package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.cli.DurationConverter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assent device watch}: polls the factor's pending challenges, as an app without push
 * notifications does, and answers each one it has not seen yet by a rule. Stops on Ctrl-C, after
 * {@code --max} answers, or after {@code --timeout}.
 */
@Command(name = "watch", description = {"Poll for pending challenges and answer each new one: approve all, deny all, or ask (default).",
    "Pending challenges already there when watching starts count as new. Stops on Ctrl-C, --max or --timeout."})
final class WatchCommand extends DeviceAction {

    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    /** How each new challenge is answered. */
    enum Rule {
        APPROVE_ALL, DENY_ALL, ASK
    }

    @Option(names = "--approve-all", description = "Approve every new challenge.")
    boolean approveAll;

    @Option(names = "--deny-all", description = "Deny every new challenge.")
    boolean denyAll;

    @Option(names = "--ask", description = "Ask y (approve) / n (deny) / anything else (skip) on the terminal; the default.")
    boolean ask;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between polls, at least 100ms (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--max", paramLabel = "N", description = "Stop after answering N challenges.")
    Integer max;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (checked between polls), e.g. 30s or 5m.")
    Duration timeout;

    private BufferedReader terminal;

    @Override
    int execute() {
        Rule rule = rule();
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw DeviceCliException.usage("--interval must be at least 100ms");
        }
        if (max != null && max < 1) {
            throw DeviceCliException.usage("--max must be at least 1");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw DeviceCliException.usage("--timeout must be positive");
        }
        PushDevice device = device();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        out().println("Watching factor " + device.state().factorSid() + " for challenges every " + interval.toMillis() + " ms ("
                + rule.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "; Ctrl-C to stop)");
        out().flush();
        Set<String> seen = new HashSet<>();
        int answered = 0;
        while (true) {
            Set<String> pending = new HashSet<>();
            for (JsonNode challenge : device.challenges(Optional.of("pending"))) {
                String sid = challenge.path("sid").asText();
                pending.add(sid);
                if (!seen.add(sid)) {
                    continue;
                }
                ChallengeView.of(challenge).printNotification(out());
                Decision decision = decide(rule, sid);
                if (decision == Decision.STOP) {
                    out().println("Input closed; stopped after " + answered + " answer(s).");
                    return 0;
                }
                if (decision == Decision.SKIP) {
                    out().println("  -> skipped");
                } else if (respond(device, sid, decision == Decision.APPROVE ? Answer.APPROVED : Answer.DENIED)) {
                    answered++;
                    if (max != null && answered >= max) {
                        out().println("Answered " + answered + " challenge(s); done.");
                        return 0;
                    }
                }
                out().flush();
            }
            seen.retainAll(pending); // answered or expired challenges never come back as pending
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                out().println("Timed out after " + timeout.toMillis() + " ms with " + answered + " answer(s).");
                return 0;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(remaining, interval.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out().println("Interrupted after " + answered + " answer(s).");
                return 0;
            }
        }
    }

    private Rule rule() {
        int chosen = (approveAll ? 1 : 0) + (denyAll ? 1 : 0) + (ask ? 1 : 0);
        if (chosen > 1) {
            throw DeviceCliException.usage("choose one of --approve-all, --deny-all and --ask");
        }
        return approveAll ? Rule.APPROVE_ALL : denyAll ? Rule.DENY_ALL : Rule.ASK;
    }

    /** What to do with one new challenge. */
    private enum Decision {
        APPROVE, DENY, SKIP, STOP
    }

    private Decision decide(Rule rule, String sid) {
        if (rule == Rule.APPROVE_ALL) {
            return Decision.APPROVE;
        }
        if (rule == Rule.DENY_ALL) {
            return Decision.DENY;
        }
        out().print("Approve " + sid + "? [y]es / [n]o, deny / anything else skips: ");
        out().flush();
        String line;
        try {
            line = terminal().readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            out().println();
            return Decision.STOP; // end of input: nobody is left to ask
        }
        return switch (line.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> Decision.APPROVE;
            case "n", "no" -> Decision.DENY;
            default -> Decision.SKIP;
        };
    }

    /** Answers one challenge; a refusal (answered elsewhere, expired…) is reported and the watch goes on. */
    private boolean respond(PushDevice device, String sid, Answer answer) {
        try {
            FetchedChallenge after = device.answer(sid, answer);
            out().println("  -> " + after.status());
            return true;
        } catch (DeviceCliException e) {
            if (e.exitCode() != DeviceCliException.REFUSED) {
                throw e;
            }
            out().println("  -> not answered: " + e.getMessage());
            return false;
        }
    }

    private BufferedReader terminal() {
        if (terminal == null) {
            Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
            terminal = new BufferedReader(new InputStreamReader(System.in, charset));
        }
        return terminal;
    }
}
