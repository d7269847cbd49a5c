package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Pager;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;
import java.util.stream.Stream;

/**
 * The Services operations of Verify v2: CreateService, FetchService, ListService, UpdateService and
 * DeleteService, under {@code /v2/Services}. Obtain it from {@link AssentClient#services()}.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/service">Twilio: Service resource</a>
 */
public final class ServicesApi {

    private final Transport transport;

    ServicesApi(Transport transport) {
        this.transport = transport;
    }

    /** CreateService with only a {@code FriendlyName}. */
    public Service createService(String friendlyName) {
        return createService(ServiceParams.builder(friendlyName).build());
    }

    /** CreateService: {@code POST /v2/Services}; {@code FriendlyName} is required. */
    public Service createService(ServiceParams params) {
        Check.notNull("params", params);
        Check.notNull("FriendlyName", params.friendlyName());
        return Resources.service(transport.post(transport.uri("/v2/Services", null), params.toForm()));
    }

    /** FetchService: {@code GET /v2/Services/{Sid}}. */
    public Service fetchService(String sid) {
        return Resources.service(transport.get(transport.uri(instancePath(sid), null)));
    }

    /** ListService: a lazy stream over {@code GET /v2/Services}. */
    public Stream<Service> listService(ListParams params) {
        Check.notNull("params", params);
        return Pager.stream(transport, transport.uri("/v2/Services", params.toQuery()), "services",
                Resources::service, params.limit());
    }

    /** UpdateService: {@code POST /v2/Services/{Sid}} with the parameters that are set. */
    public Service updateService(String sid, ServiceParams params) {
        Check.notNull("params", params);
        return Resources.service(transport.post(transport.uri(instancePath(sid), null), params.toForm()));
    }

    /** DeleteService: {@code DELETE /v2/Services/{Sid}}. */
    public void deleteService(String sid) {
        transport.delete(transport.uri(instancePath(sid), null));
    }

    static String instancePath(String serviceSid) {
        return "/v2/Services/" + Check.sid("ServiceSid", serviceSid, "VA");
    }
}
