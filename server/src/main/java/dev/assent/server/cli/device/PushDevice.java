package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.device.DeviceJws;
import dev.assent.device.DeviceKey;
import dev.assent.device.SignatureFieldMissingException;
import dev.assent.device.VirtualDevice;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An enrolled device doing what the mobile SDK does after enrollment (docs/push-protocol.md §3–6): verify
 * its factor, list and fetch its challenges, and approve or deny them. Every request carries a freshly
 * signed device JWT; on a 401 with a {@code Date} header the clock offset is corrected (and saved) and
 * the request retried once.
 */
final class PushDevice {

    private static final String SIGNATURE_FIELDS = DeviceJws.SIGNATURE_FIELDS;
    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 1000;

    private final StateFile file;
    /** Signs for this device; the state's SIDs and key are fixed once enrolled, only its clock offset changes. */
    private final VirtualDevice device;
    private final ClockCorrection clock;
    private final VerifyClient client;
    private final PrintWriter err;
    private DeviceState state;

    PushDevice(StateFile file, DeviceState state, Clock localClock, PrintWriter err) {
        this.file = file;
        this.state = state;
        this.device = new VirtualDevice(DeviceKey.decode(state.publicKey(), state.privateKey()), state.accountSid(),
                state.factorSid(), state.credentialSid());
        this.clock = new ClockCorrection(localClock, state.clockOffsetSeconds());
        this.client = new VerifyClient(state.baseUrl());
        this.err = err;
    }

    DeviceState state() {
        return state;
    }

    /**
     * Proves possession of the key: {@code AuthPayload} = base64 DER ECDSA over the factor SID (§3).
     *
     * @return the factor's status after the attempt ({@code verified} when the proof was accepted)
     */
    String verify() {
        String proof = device.proof();
        String path = state.entityPath() + "/Factors/" + VerifyClient.segment(state.factorSid());
        return call(auth -> client.post(path, Map.of("AuthPayload", proof), auth)).json().path("status").asText();
    }

    /** This factor's challenges, optionally of one status, following {@code meta.next_page_url} (§5.2). */
    List<JsonNode> challenges(Optional<String> status) {
        String url = state.entityPath() + "/Challenges?FactorSid=" + VerifyClient.segment(state.factorSid())
                + status.map(s -> "&Status=" + VerifyClient.segment(s)).orElse("") + "&PageSize=" + PAGE_SIZE;
        List<JsonNode> all = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (int page = 0; url != null && visited.add(url) && page < MAX_PAGES; page++) {
            String current = url;
            JsonNode body = call(auth -> client.get(current, auth)).json();
            body.path("challenges").forEach(all::add);
            JsonNode next = body.path("meta").path("next_page_url");
            url = next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
        }
        return all;
    }

    /**
     * The push notifications recorded for a challenge, oldest first: Assent's list extension of the
     * Notifications resource. Empty from a server without it (404), such as Twilio.
     */
    List<JsonNode> notifications(String challengeSid) {
        try {
            JsonNode body = call(auth -> client.get(challengePath(challengeSid) + "/Notifications", auth)).json();
            List<JsonNode> all = new ArrayList<>();
            body.path("notifications").forEach(all::add);
            return all;
        } catch (ServerRefusal refusal) {
            if (refusal.httpStatus() == 404) {
                return List.of();
            }
            throw refusal;
        }
    }

    /** GET one challenge with its signature-fields header (§5.1). */
    FetchedChallenge fetch(String challengeSid) {
        HttpReply reply = call(auth -> client.get(challengePath(challengeSid), auth));
        JsonNode body = reply.json();
        if (!state.factorSid().equals(body.path("factor_sid").asText())) {
            throw DeviceCliException.refused("challenge " + challengeSid + " belongs to another factor");
        }
        Optional<List<String>> fields = "pending".equals(body.path("status").asText())
                ? reply.header(SIGNATURE_FIELDS).map(DeviceJws::signatureFields)
                : Optional.empty();
        return new FetchedChallenge((ObjectNode) body, fields);
    }

    /**
     * Approves or denies as the SDKs do (§6.1): GET fresh, sign exactly the listed fields plus
     * {@code status}, POST the JWS as {@code AuthPayload}, then GET again and require the new status.
     *
     * @return the challenge after the answer
     */
    FetchedChallenge answer(String challengeSid, Answer answer) {
        FetchedChallenge fetched = fetch(challengeSid);
        requirePending(fetched);
        List<String> fields = fetched.signatureFields().orElseThrow(() -> DeviceCliException.refused(
                "challenge " + challengeSid + " came without a " + SIGNATURE_FIELDS + " header; a device cannot sign an answer"));
        String authPayload;
        try {
            authPayload = device.answer(fetched.body(), fields, answer.status());
        } catch (SignatureFieldMissingException e) {
            throw DeviceCliException.refused(SIGNATURE_FIELDS + " names \"" + Text.safe(e.field()) + "\", which the challenge lacks");
        }
        call(auth -> client.post(challengePath(challengeSid), Map.of("AuthPayload", authPayload), auth));
        FetchedChallenge after = fetch(challengeSid);
        if (!answer.status().equals(after.status())) {
            throw DeviceCliException.refused("challenge " + challengeSid + " was not updated: it is " + Text.safe(after.status())
                    + ", not " + answer.status());
        }
        return after;
    }

    /**
     * The device answers pending challenges only (the SDKs refuse locally otherwise). The reason is given
     * with the Twilio code the server uses for an answer to such a challenge.
     */
    private static void requirePending(FetchedChallenge fetched) {
        String status = fetched.status();
        switch (status) {
            case "pending" -> {
            }
            case "approved", "denied" -> throw DeviceCliException.refused("challenge " + fetched.sid() + " is already " + status
                    + ": 60322 Challenge has already been responded (no answer sent)");
            case "expired" -> throw DeviceCliException.refused("challenge " + fetched.sid()
                    + " has expired: 60323 Challenge has expired (no answer sent)");
            default -> throw DeviceCliException.refused("challenge " + fetched.sid() + " has status \"" + Text.safe(status)
                    + "\"; only pending challenges can be answered");
        }
    }

    private String challengePath(String challengeSid) {
        return state.entityPath() + "/Challenges/" + VerifyClient.segment(challengeSid);
    }

    /** Sends with a fresh device JWT; on 401 + {@code Date}, corrects the clock and retries once (§1). */
    private HttpReply call(Function<String, HttpReply> request) {
        HttpReply reply = request.apply(authorization());
        if (reply.status() == 401) {
            Optional<Instant> serverTime = reply.header("Date").flatMap(ClockCorrection::parseHttpDate);
            if (serverTime.isPresent()) {
                if (clock.correctTo(serverTime.get())) {
                    state = state.withClockOffset(clock.offsetSeconds());
                    file.save(state);
                    err.println("assent device: the server's clock is " + describeOffset(clock.offsetSeconds())
                            + "; adjusted the device clock and retrying");
                    err.flush();
                }
                reply = request.apply(authorization());
            }
        }
        return reply.orThrow();
    }

    private static String describeOffset(long seconds) {
        if (seconds == 0) {
            return "in step with this machine's";
        }
        return Math.abs(seconds) + " s " + (seconds > 0 ? "ahead of" : "behind") + " this machine's";
    }

    private String authorization() {
        return device.authorization(clock.now());
    }
}
