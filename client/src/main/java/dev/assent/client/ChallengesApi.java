package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Pager;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;
import java.util.stream.Stream;

/**
 * The Challenges operations of Verify v2: CreateChallenge, FetchChallenge, ListChallenge and
 * UpdateChallenge, under {@code /v2/Services/{ServiceSid}/Entities/{Identity}/Challenges}. Obtain it from
 * {@link AssentClient#challenges()}; it is thread-safe.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/challenge">Twilio: Challenge resource</a>
 */
public final class ChallengesApi {

    private final Transport transport;

    ChallengesApi(Transport transport) {
        this.transport = transport;
    }

    /** CreateChallenge: {@code POST …/Challenges}; a TOTP {@code AuthPayload} verifies it at once. */
    public Challenge createChallenge(String serviceSid, String identity, CreateChallengeParams params) {
        Check.notNull("params", params);
        return Resources.challenge(transport.post(transport.uri(path(serviceSid, identity), null), params.toForm()));
    }

    /** FetchChallenge: {@code GET …/Challenges/{Sid}}. */
    public Challenge fetchChallenge(String serviceSid, String identity, String sid) {
        return Resources.challenge(transport.get(transport.uri(instancePath(serviceSid, identity, sid), null)));
    }

    /**
     * ListChallenge: {@code GET …/Challenges}, as a lazy stream that loads one page at a time and stops at
     * {@link ListChallengeParams#limit()}.
     */
    public Stream<Challenge> listChallenge(String serviceSid, String identity, ListChallengeParams params) {
        Check.notNull("params", params);
        return Pager.stream(transport, transport.uri(path(serviceSid, identity), params.toQuery()), "challenges",
                Resources::challenge, params.limit());
    }

    /** UpdateChallenge: {@code POST …/Challenges/{Sid}} with the answer in {@code AuthPayload}. */
    public Challenge updateChallenge(String serviceSid, String identity, String sid, UpdateChallengeParams params) {
        Check.notNull("params", params);
        return Resources.challenge(transport.post(transport.uri(instancePath(serviceSid, identity, sid), null),
                params.toForm()));
    }

    static String path(String serviceSid, String identity) {
        return EntitiesApi.instancePath(serviceSid, identity) + "/Challenges";
    }

    static String instancePath(String serviceSid, String identity, String sid) {
        return path(serviceSid, identity) + "/" + Check.sid("Sid", sid, "YC");
    }
}
