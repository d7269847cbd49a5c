package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.Entity;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Entities: create, fetch, list, delete, and the identity rules (VERIFY_API.md §1.2, §4). */
@ExtendWith(ConformanceExtension.class)
class EntitiesIT {

    private final Conformance conformance;
    private final TwilioRestClient client;
    private String serviceSid;

    EntitiesIT(Conformance conformance) {
        this.conformance = conformance;
        this.client = conformance.twilio();
    }

    @BeforeEach
    void createService() {
        serviceSid = conformance.backend().newService().getSid();
    }

    @Test
    void creatingAnEntityReturnsItsIdentityAndSids() {
        String identity = Backend.newIdentity();

        Entity entity = Entity.creator(serviceSid, identity).create(client);

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(entity.getSid()).matches("YE[0-9a-f]{32}");
        assertThat(entity.getIdentity()).isEqualTo(identity);
        assertThat(entity.getServiceSid()).isEqualTo(serviceSid);
        assertThat(entity.getAccountSid()).isEqualTo(conformance.account().sid());
        assertThat(entity.getDateCreated()).isNotNull();
        String url = conformance.baseUrl() + "/v2/Services/" + serviceSid + "/Entities/" + identity;
        assertThat(entity.getUrl()).hasToString(url);
        assertThat(entity.getLinks()).containsEntry("factors", url + "/Factors")
                .containsEntry("challenges", url + "/Challenges");
    }

    @Test
    void fetchingAnEntityUsesItsIdentityInThePath() {
        String identity = Backend.newIdentity();
        Entity created = Entity.creator(serviceSid, identity).create(client);

        Entity fetched = Entity.fetcher(serviceSid, identity).fetch(client);

        assertThat(fetched.getSid()).isEqualTo(created.getSid());
        assertThat(fetched.getIdentity()).isEqualTo(identity);
        assertThat(fetched.getDateCreated()).isEqualTo(created.getDateCreated());
    }

    @Test
    void listingEntitiesPagesThroughEveryEntityOnce() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Entity.creator(serviceSid, Backend.newIdentity()).create(client).getSid());
        }

        List<String> listed = StreamSupport.stream(
                        Entity.reader(serviceSid).setPageSize(2L).read(client).spliterator(), false)
                .map(Entity::getSid)
                .toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(created);
        assertThat(conformance.exchanges().stream()
                .filter(e -> e.uri().getPath().endsWith("/Entities") && e.method().equals("GET")))
                .as("pages of 2 for 5 entities").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void deletingAnEntityMakesItNotFound() {
        String identity = conformance.backend().newEntity(serviceSid);

        assertThat(Entity.deleter(serviceSid, identity).delete(client)).isTrue();

        assertThat(conformance.lastExchange().status()).isEqualTo(204);
        expectError(404, 20404, () -> Entity.fetcher(serviceSid, identity).fetch(client));
    }

    @Test
    void anIdentityShorterThanEightCharactersIsRejectedNamingTheParameter() {
        ApiException error = ApiErrors.expectApiException(() -> Entity.creator(serviceSid, "short-1").create(client));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("Identity");
    }

    @Test
    void anIdentityWithCharactersOtherThanDashSeparatedAlphanumericsIsRejected() {
        ApiException error = ApiErrors.expectApiException(
                () -> Entity.creator(serviceSid, "not a valid identity!").create(client));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("Identity");
    }

    @Test
    void anUnknownIdentityIsNotFound() {
        expectError(404, 20404, () -> Entity.fetcher(serviceSid, Backend.newIdentity()).fetch(client));
    }

    @Test
    void creatingAFactorForANewIdentityCreatesItsEntity() {
        String identity = Backend.newIdentity();

        NewFactor factor = conformance.backend().newPushFactor(serviceSid, identity, conformance.newPushDevice());

        Entity entity = Entity.fetcher(serviceSid, identity).fetch(client);
        assertThat(entity.getSid()).isEqualTo(factor.getEntitySid());
    }
}
