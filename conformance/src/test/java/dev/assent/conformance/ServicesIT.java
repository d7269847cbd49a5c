package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Verify Services: create, fetch, list with paging, update, delete (VERIFY_API.md §3). */
@ExtendWith(ConformanceExtension.class)
class ServicesIT {

    private final Conformance conformance;
    private final TwilioRestClient client;

    ServicesIT(Conformance conformance) {
        this.conformance = conformance;
        this.client = conformance.twilio();
    }

    @Test
    void creatingAServiceEchoesItsNameAndTotpAndPushSettings() {
        String name = Backend.friendlyName("Services");

        Service service = Service.creator(name)
                .setTotpIssuer("Assent Conformance")
                .setTotpTimeStep(45)
                .setTotpCodeLength(8)
                .setTotpSkew(2)
                .setPushIncludeDate(true)
                .create(client);

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(service.getSid()).matches("VA[0-9a-f]{32}");
        assertThat(service.getAccountSid()).isEqualTo(conformance.account().sid());
        assertThat(service.getFriendlyName()).isEqualTo(name);
        assertThat(service.getDateCreated()).isNotNull();
        assertThat(service.getDateUpdated()).isNotNull();
        assertThat(service.getUrl()).hasToString(conformance.baseUrl() + "/v2/Services/" + service.getSid());
        assertThat(Untyped.map(service.getTotp()))
                .containsEntry("issuer", "Assent Conformance")
                .containsEntry("time_step", 45)
                .containsEntry("code_length", 8)
                .containsEntry("skew", 2);
        assertThat(Untyped.map(service.getPush())).containsEntry("include_date", true);
        assertThat(service.getLinks()).containsEntry("entities",
                conformance.baseUrl() + "/v2/Services/" + service.getSid() + "/Entities");
    }

    @Test
    void fetchingAServiceReturnsWhatWasCreated() {
        Service created = Service.creator(Backend.friendlyName("Fetch")).setTotpIssuer("Fetch Issuer").create(client);

        Service fetched = Service.fetcher(created.getSid()).fetch(client);

        assertThat(fetched.getSid()).isEqualTo(created.getSid());
        assertThat(fetched.getFriendlyName()).isEqualTo(created.getFriendlyName());
        assertThat(fetched.getDateCreated()).isEqualTo(created.getDateCreated());
        assertThat(fetched.getTotp()).isEqualTo(created.getTotp());
        assertThat(fetched.getPush()).isEqualTo(created.getPush());
        assertThat(fetched.getUrl()).isEqualTo(created.getUrl());
    }

    @Test
    void listingServicesPagesThroughEveryServiceOnce() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Service.creator(Backend.friendlyName("Paging")).create(client).getSid());
        }

        ResourceSet<Service> services = Service.reader().setPageSize(2L).read(client);
        List<String> listed = StreamSupport.stream(services.spliterator(), false).map(Service::getSid).toList();

        assertThat(listed).doesNotHaveDuplicates().containsSubsequence(created);
        long pageRequests = conformance.exchanges().stream()
                .filter(e -> e.method().equals("GET") && e.uri().getPath().equals("/v2/Services"))
                .count();
        assertThat(pageRequests).as("GET /v2/Services requests for pages of 2").isGreaterThanOrEqualTo(3);
        assertThat(conformance.exchanges().stream()
                .filter(e -> e.method().equals("GET") && e.uri().getPath().equals("/v2/Services"))
                .findFirst().orElseThrow().json().path("meta").path("key").asText()).isEqualTo("services");
    }

    @Test
    void updatingAServiceChangesOnlyTheGivenFields() {
        Service created = Service.creator(Backend.friendlyName("Update"))
                .setTotpIssuer("Before")
                .setTotpCodeLength(6)
                .create(client);
        String newName = Backend.friendlyName("Renamed");

        Service updated = Service.updater(created.getSid())
                .setFriendlyName(newName)
                .setTotpIssuer("After")
                .update(client);

        assertThat(conformance.lastExchange().status()).isEqualTo(200);
        assertThat(updated.getFriendlyName()).isEqualTo(newName);
        assertThat(Untyped.map(updated.getTotp()))
                .containsEntry("issuer", "After")
                .containsEntry("code_length", 6);
        assertThat(updated.getDateCreated()).isEqualTo(created.getDateCreated());
        assertThat(updated.getDateUpdated()).isAfterOrEqualTo(created.getDateUpdated());
        assertThat(Service.fetcher(created.getSid()).fetch(client).getFriendlyName()).isEqualTo(newName);
    }

    @Test
    void deletingAServiceMakesItNotFound() {
        Service created = conformance.backend().newService();

        boolean deleted = Service.deleter(created.getSid()).delete(client);

        assertThat(deleted).isTrue();
        assertThat(conformance.lastExchange().status()).isEqualTo(204);
        expectError(404, 20404, () -> Service.fetcher(created.getSid()).fetch(client));
        List<String> remaining = StreamSupport.stream(Service.reader().read(client).spliterator(), false)
                .map(Service::getSid).collect(Collectors.toList());
        assertThat(remaining).doesNotContain(created.getSid());
    }
}
