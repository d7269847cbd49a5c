package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;

/**
 * The AccessTokens operations of Verify v2: CreateAccessToken and FetchAccessToken, under
 * {@code /v2/Services/{ServiceSid}/AccessTokens}. Obtain it from {@link AssentClient#accessTokens()}.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/access-token">Twilio: Access Token resource</a>
 */
public final class AccessTokensApi {

    private final Transport transport;

    AccessTokensApi(Transport transport) {
        this.transport = transport;
    }

    /** CreateAccessToken for a push factor with the server's default {@code Ttl} (60 s). */
    public AccessToken createAccessToken(String serviceSid, String identity, String factorFriendlyName) {
        return createAccessToken(serviceSid, identity, factorFriendlyName, null);
    }

    /**
     * CreateAccessToken: {@code POST …/AccessTokens} with {@code Identity}, {@code FactorType=push},
     * {@code FactorFriendlyName} and {@code Ttl} (60–300 s).
     */
    public AccessToken createAccessToken(String serviceSid, String identity, String factorFriendlyName, Integer ttl) {
        Form form = new Form()
                .add("Identity", Check.identity("Identity", identity))
                .add("FactorType", FactorType.PUSH.wire())
                .add("FactorFriendlyName", Check.maxLength("FactorFriendlyName", factorFriendlyName, 64))
                .add("Ttl", Check.range("Ttl", ttl, 60, 300));
        return Resources.accessToken(transport.post(transport.uri(path(serviceSid), null), form));
    }

    /** FetchAccessToken: {@code GET …/AccessTokens/{Sid}}. */
    public AccessToken fetchAccessToken(String serviceSid, String sid) {
        return Resources.accessToken(transport.get(transport.uri(path(serviceSid) + "/" + Check.sid("Sid", sid, "YK"),
                null)));
    }

    static String path(String serviceSid) {
        return ServicesApi.instancePath(serviceSid) + "/AccessTokens";
    }
}
