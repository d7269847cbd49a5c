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

    /**
     * CreateChallenge: {@code POST …/Challenges}; a TOTP {@code AuthPayload} verifies it at once.
     *
     * @param serviceSid the {@code VA…} service
     * @param identity   the entity's identity (8–64 characters)
     * @param params     FactorSid, AuthPayload, Details.Message, Details.Fields, ExpirationDate, HiddenDetails
     * @return the new challenge ({@code pending}, or {@code approved} when a correct code was given)
     * @throws AssentException          when the server answers with an error
     * @throws IllegalArgumentException  when an argument is outside the documented limits (nothing is sent)
     */
    public Challenge createChallenge(String serviceSid, String identity, CreateChallengeParams params) {
        Check.notNull("params", params);
        return Resources.challenge(transport.post(transport.uri(path(serviceSid, identity), null), params.toForm()));
    }

    /**
     * FetchChallenge: {@code GET …/Challenges/{Sid}}.
     *
     * @param serviceSid the {@code VA…} service
     * @param identity   the entity's identity (8–64 characters)
     * @param sid        the {@code YC…} challenge
     * @return the challenge as it is now
     * @throws AssentException          when the server answers with an error
     * @throws IllegalArgumentException  when an argument is outside the documented limits (nothing is sent)
     */
    public Challenge fetchChallenge(String serviceSid, String identity, String sid) {
        return Resources.challenge(transport.get(transport.uri(instancePath(serviceSid, identity, sid), null)));
    }

    /**
     * ListChallenge: {@code GET …/Challenges}, as a lazy stream that loads one page at a time (following
     * {@code meta.next_page_url}) and stops at {@link ListChallengeParams#limit()}. Nothing is requested
     * until the stream is consumed; an error while loading a page surfaces from the terminal operation.
     *
     * @param serviceSid the {@code VA…} service
     * @param identity   the entity's identity (8–64 characters)
     * @param params     FactorSid, Status, Order, PageSize and the limit
     * @return the matching challenges, in the server's order
     * @throws AssentException          when the server answers with an error
     * @throws IllegalArgumentException  when an argument is outside the documented limits (nothing is sent)
     */
    public Stream<Challenge> listChallenge(String serviceSid, String identity, ListChallengeParams params) {
        Check.notNull("params", params);
        return Pager.stream(transport, transport.uri(path(serviceSid, identity), params.toQuery()), "challenges",
                Resources::challenge, params.limit());
    }

    /**
     * UpdateChallenge: {@code POST …/Challenges/{Sid}} with the answer in {@code AuthPayload}.
     *
     * @param serviceSid the {@code VA…} service
     * @param identity   the entity's identity (8–64 characters)
     * @param sid        the {@code YC…} challenge
     * @param params     AuthPayload (and Metadata)
     * @return the challenge after the answer
     * @throws AssentException          when the server answers with an error
     * @throws IllegalArgumentException  when an argument is outside the documented limits (nothing is sent)
     */
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
