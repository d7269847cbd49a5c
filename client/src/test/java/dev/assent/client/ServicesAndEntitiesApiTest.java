package dev.assent.client;

import static dev.assent.client.ChallengesApiTest.decodeForm;
import static dev.assent.client.Fixtures.BASIC;
import static dev.assent.client.Fixtures.IDENTITY;
import static dev.assent.client.Fixtures.SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services and Entities against a fake server. */
class ServicesAndEntitiesApiTest extends FakeServerTest {

    @Test
    void createServiceSendsDottedPushAndTotpKeys() {
        server.enqueue(201, Fixtures.example("service"));
        Service service = client.services().createService(ServiceParams.builder("My App")
                .pushIncludeDate(false).totpIssuer("Acme").totpTimeStep(30).totpCodeLength(6).totpSkew(1).build());

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/Services");
        assertThat(request.header("Authorization")).isEqualTo(BASIC);
        assertThat(request.body()).isEqualTo("FriendlyName=My+App&Push.IncludeDate=false&Totp.Issuer=Acme"
                + "&Totp.TimeStep=30&Totp.CodeLength=6&Totp.Skew=1");
        assertThat(service.sid()).isEqualTo(SERVICE_SID);
        assertThat(service.friendlyName()).isEqualTo("name");
        assertThat(service.codeLength()).isEqualTo(4);
        assertThat(service.push()).isEqualTo(new Service.Push(false, null, null));
        assertThat(service.totp()).isEqualTo(new Service.Totp(null, null, null, null));
        assertThat(service.dateCreated()).isEqualTo(Instant.parse("2015-07-30T20:00:00Z"));
        assertThat(service.links()).containsKey("entities");
    }

    @Test
    void fetchUpdateListAndDeleteService() {
        server.enqueue(200, Fixtures.example("service"));
        server.enqueue(200, Fixtures.example("service"));
        server.enqueue(200, "{\"services\":[" + Fixtures.example("service") + "],\"meta\":{\"key\":\"services\",\"next_page_url\":null}}");
        server.enqueue(new FakeServer.Response(204, "", java.util.Map.of()));

        client.services().fetchService(SERVICE_SID);
        client.services().updateService(SERVICE_SID, ServiceParams.builder(null).totpSkew(2).build());
        List<Service> services = client.services().listService(ListParams.of(10, 100)).toList();
        client.services().deleteService(SERVICE_SID);

        List<FakeServer.Recorded> requests = server.requests();
        assertThat(requests).extracting(FakeServer.Recorded::method).containsExactly("GET", "POST", "GET", "DELETE");
        assertThat(requests.get(0).path()).isEqualTo("/v2/Services/" + SERVICE_SID);
        assertThat(requests.get(1).body()).isEqualTo("Totp.Skew=2");
        assertThat(requests.get(2).query()).isEqualTo("PageSize=10");
        assertThat(requests.get(3).path()).isEqualTo("/v2/Services/" + SERVICE_SID);
        assertThat(services).hasSize(1);
    }

    @Test
    void entitiesUseTheIdentityInThePath() {
        server.enqueue(201, Fixtures.example("entity"));
        server.enqueue(200, Fixtures.example("entity"));
        server.enqueue(new FakeServer.Response(204, "", java.util.Map.of()));

        Entity entity = client.entities().createEntity(SERVICE_SID, IDENTITY);
        client.entities().fetchEntity(SERVICE_SID, IDENTITY);
        client.entities().deleteEntity(SERVICE_SID, IDENTITY);

        List<FakeServer.Recorded> requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo("/v2/Services/" + SERVICE_SID + "/Entities");
        assertThat(decodeForm(requests.get(0).body())).containsExactly(entry("Identity", IDENTITY));
        assertThat(requests.get(1).path()).isEqualTo("/v2/Services/" + SERVICE_SID + "/Entities/" + IDENTITY);
        assertThat(requests.get(2).method()).isEqualTo("DELETE");
        assertThat(entity.sid()).isEqualTo("YEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(entity.identity()).isEqualTo(IDENTITY);
        assertThat(entity.links()).containsKeys("factors", "challenges");
    }

    @Test
    void documentedLimitsAreCheckedBeforeSending() {
        assertThatThrownBy(() -> ServiceParams.builder("x".repeat(33)).build()).hasMessageContaining("FriendlyName");
        assertThatThrownBy(() -> ServiceParams.builder("ok").totpTimeStep(19).build()).hasMessageContaining("Totp.TimeStep");
        assertThatThrownBy(() -> ServiceParams.builder("ok").totpCodeLength(9).build()).hasMessageContaining("Totp.CodeLength");
        assertThatThrownBy(() -> ServiceParams.builder("ok").totpSkew(3).build()).hasMessageContaining("Totp.Skew");
        assertThatThrownBy(() -> client.services().createService(ServiceParams.builder(null).build()))
                .hasMessageContaining("FriendlyName");
        assertThatThrownBy(() -> client.entities().createEntity(SERVICE_SID, "has space in it"))
                .hasMessageContaining("Identity");
        assertThatThrownBy(() -> client.entities().createEntity(SERVICE_SID, "x".repeat(65)))
                .hasMessageContaining("Identity");
        assertThatThrownBy(() -> new ListParams(1001, null)).hasMessageContaining("PageSize");
        assertThat(server.requests()).isEmpty();
    }
}
