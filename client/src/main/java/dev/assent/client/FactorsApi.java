package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Pager;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;
import java.util.stream.Stream;

/**
 * The Factors operations of Verify v2: CreateNewFactor, FetchFactor, ListFactor, UpdateFactor (also the
 * first-time verification) and DeleteFactor, under {@code /v2/Services/{ServiceSid}/Entities/{Identity}/Factors}.
 * Obtain it from {@link AssentClient#factors()}.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/factor">Twilio: Factor resource</a>
 */
public final class FactorsApi {

    private final Transport transport;

    FactorsApi(Transport transport) {
        this.transport = transport;
    }

    /** CreateNewFactor: {@code POST …/Factors}; the answer carries {@link Factor#binding()}. */
    public Factor createFactor(String serviceSid, String identity, CreateFactorParams params) {
        Check.notNull("params", params);
        return Resources.factor(transport.post(transport.uri(path(serviceSid, identity), null), params.toForm()));
    }

    /** FetchFactor: {@code GET …/Factors/{Sid}}. */
    public Factor fetchFactor(String serviceSid, String identity, String sid) {
        return Resources.factor(transport.get(transport.uri(instancePath(serviceSid, identity, sid), null)));
    }

    /** ListFactor: a lazy stream over {@code GET …/Factors}. */
    public Stream<Factor> listFactor(String serviceSid, String identity, ListParams params) {
        Check.notNull("params", params);
        return Pager.stream(transport, transport.uri(path(serviceSid, identity), params.toQuery()), "factors",
                Resources::factor, params.limit());
    }

    /** UpdateFactor: {@code POST …/Factors/{Sid}}; a correct {@code AuthPayload} verifies the factor. */
    public Factor updateFactor(String serviceSid, String identity, String sid, UpdateFactorParams params) {
        Check.notNull("params", params);
        return Resources.factor(transport.post(transport.uri(instancePath(serviceSid, identity, sid), null),
                params.toForm()));
    }

    /** DeleteFactor: {@code DELETE …/Factors/{Sid}}. */
    public void deleteFactor(String serviceSid, String identity, String sid) {
        transport.delete(transport.uri(instancePath(serviceSid, identity, sid), null));
    }

    static String path(String serviceSid, String identity) {
        return EntitiesApi.instancePath(serviceSid, identity) + "/Factors";
    }

    static String instancePath(String serviceSid, String identity, String sid) {
        return path(serviceSid, identity) + "/" + Check.sid("Sid", sid, "YF");
    }
}
