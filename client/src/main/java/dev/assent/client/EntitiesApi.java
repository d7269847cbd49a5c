package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Pager;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;
import java.util.stream.Stream;

/**
 * The Entities operations of Verify v2: CreateEntity, FetchEntity, ListEntity and DeleteEntity, under
 * {@code /v2/Services/{ServiceSid}/Entities}. Obtain it from {@link AssentClient#entities()}.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/entity">Twilio: Entity resource</a>
 */
public final class EntitiesApi {

    private final Transport transport;

    EntitiesApi(Transport transport) {
        this.transport = transport;
    }

    /** CreateEntity: {@code POST …/Entities} with {@code Identity}. */
    public Entity createEntity(String serviceSid, String identity) {
        Form form = new Form().add("Identity", Check.identity("Identity", identity));
        return Resources.entity(transport.post(transport.uri(path(serviceSid), null), form));
    }

    /** FetchEntity: {@code GET …/Entities/{Identity}}. */
    public Entity fetchEntity(String serviceSid, String identity) {
        return Resources.entity(transport.get(transport.uri(instancePath(serviceSid, identity), null)));
    }

    /** ListEntity: a lazy stream over {@code GET …/Entities}. */
    public Stream<Entity> listEntity(String serviceSid, ListParams params) {
        Check.notNull("params", params);
        return Pager.stream(transport, transport.uri(path(serviceSid), params.toQuery()), "entities",
                Resources::entity, params.limit());
    }

    /** DeleteEntity: {@code DELETE …/Entities/{Identity}}, with its factors and challenges. */
    public void deleteEntity(String serviceSid, String identity) {
        transport.delete(transport.uri(instancePath(serviceSid, identity), null));
    }

    static String path(String serviceSid) {
        return ServicesApi.instancePath(serviceSid) + "/Entities";
    }

    static String instancePath(String serviceSid, String identity) {
        return path(serviceSid) + "/" + Check.identity("Identity", identity);
    }
}
