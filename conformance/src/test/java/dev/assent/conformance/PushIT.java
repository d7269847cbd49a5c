package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Push factors and challenges as the backend sees them through twilio-java: enrolment with account
 * credentials, the factor proof, challenge details, expiry, listing, paging and filters.
 */
class PushIT extends EntityScenario {

    PushIT(Conformance conformance) {
        super(conformance);
    }

    @Test
    void creatingAPushFactorReturnsTheBindingAndACredentialSidForTheDevice() {
        PushDevice device = conformance.newPushDevice();

        NewFactor created = backend.newPushFactor(serviceSid, identity, device);

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(created.getSid()).matches("YF[0-9a-f]{32}");
        assertThat(created.getStatus()).isEqualTo(NewFactor.FactorStatuses.UNVERIFIED);
        assertThat(created.getFactorType()).isEqualTo(NewFactor.FactorTypes.PUSH);
        assertThat(Untyped.map(created.getBinding()))
                .containsEntry("alg", "ES256")
                .containsEntry("public_key", device.publicKeyBase64());
        Map<String, Object> config = Untyped.map(created.getConfig());
        assertThat(config)
                .containsEntry("app_id", Backend.APP_ID)
                .containsEntry("notification_platform", "none")
                .containsEntry("sdk_version", Backend.SDK_VERSION);
        // Not in Twilio's docs, but the mobile SDKs need it as the device JWT's kid (docs/push-protocol.md §2.3).
        assertThat((String) config.get("credential_sid")).isNotBlank().hasSize(34);
    }

    @Test
    void theFactorSidSignedByTheDeviceKeyVerifiesThePushFactor() {
        PushDevice device = conformance.newPushDevice();
        NewFactor created = backend.newPushFactor(serviceSid, identity, device);

        Factor verified = Factor.updater(serviceSid, identity, created.getSid())
                .setAuthPayload(device.factorProof(created.getSid()))
                .update(client);

        assertThat(verified.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
        assertThat(Untyped.map(verified.getConfig())).containsEntry("credential_sid",
                Untyped.map(created.getConfig()).get("credential_sid"));
    }

    @Test
    void aFactorProofSignedByAnotherKeyDoesNotVerifyThePushFactor() {
        NewFactor created = backend.newPushFactor(serviceSid, identity, conformance.newPushDevice());
        PushDevice impostor = conformance.newPushDevice();

        ApiException error = catchThrowableOfType(ApiException.class, () -> Factor.updater(serviceSid, identity, created.getSid())
                .setAuthPayload(impostor.factorProof(created.getSid()))
                .update(client));

        if (error != null) {
            assertThat(error.getStatusCode()).isBetween(400, 499);
        }
        assertThat(Factor.fetcher(serviceSid, identity, created.getSid()).fetch(client).getStatus())
                .isEqualTo(Factor.FactorStatuses.UNVERIFIED);
    }

    @Test
    void creatingAPushChallengeKeepsDetailsHiddenDetailsAndExpirationDate() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        ZonedDateTime expires = ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);

        Challenge challenge = Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Hi! Would you like to sign in?")
                .setDetailsFields(List.<Object>of(
                        Map.of("label", "Action", "value", "Sign in"),
                        Map.of("label", "Location", "value", "Berlin")))
                .setHiddenDetails(Map.of("ip", "172.168.1.234"))
                .setExpirationDate(expires)
                .create(client);

        // twilio-java 13 sends ExpirationDate as yyyy-MM-dd'T'HH:mm:ss with no offset; it means UTC.
        String form = URLDecoder.decode(conformance.lastExchange().requestBody(), StandardCharsets.UTF_8);
        assertThat(form).contains("ExpirationDate=" + expires.toLocalDateTime());
        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(challenge.getStatus()).isEqualTo(Challenge.ChallengeStatuses.PENDING);
        assertThat(challenge.getFactorType()).isEqualTo(Challenge.FactorTypes.PUSH);
        assertThat(challenge.getFactorSid()).isEqualTo(factor.factorSid());
        assertThat(challenge.getIdentity()).isEqualTo(identity);
        assertThat(challenge.getExpirationDate()).isEqualTo(expires);
        assertThat(challenge.getDateResponded()).isNull();
        Map<String, Object> details = Untyped.map(challenge.getDetails());
        assertThat(details.get("message")).isEqualTo("Hi! Would you like to sign in?");
        assertThat(Untyped.list(details.get("fields"))).containsExactly(
                Map.of("label", "Action", "value", "Sign in"),
                Map.of("label", "Location", "value", "Berlin"));
        assertThat(details).doesNotContainKey("date");
        assertThat(Untyped.map(challenge.getHiddenDetails())).isEqualTo(Map.of("ip", "172.168.1.234"));
        assertThat(challenge.getLinks()).containsEntry("notifications",
                challenge.getUrl() + "/Notifications");
    }

    @Test
    void anExpirationDateWithAnOffsetIsReadAsThatInstant() {
        // twilio-go sends RFC 3339 with a numeric offset (VERIFY_API.md §1.3); twilio-java cannot.
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        ZonedDateTime expires = ZonedDateTime.now(ZoneOffset.ofHours(2)).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        String form = "FactorSid=" + factor.factorSid() + "&Details.Message=Offset"
                + "&ExpirationDate=" + URLEncoder.encode(
                        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").format(expires), StandardCharsets.UTF_8);

        Exchange created = conformance.wire().send("POST",
                URI.create(conformance.baseUrl() + "/v2/Services/" + serviceSid + "/Entities/" + identity + "/Challenges"),
                Map.of("Authorization", List.of(AssentServer.basic(conformance.account().sid(), conformance.account().authToken()))),
                form);

        assertThat(created.status()).as(created.describe()).isEqualTo(201);
        assertThat(created.json().path("expiration_date").asText())
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").format(expires.withZoneSameInstant(ZoneOffset.UTC)));
    }

    @Test
    void anExpirationDateMoreThanAnHourAheadIsRejected() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());

        ApiException error = ApiErrors.expectApiException(() -> Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Too far")
                .setExpirationDate(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(61))
                .create(client));

        assertThat(error.getStatusCode()).isEqualTo(400);
    }

    @Test
    void aChallengeWithoutExpirationDateExpiresFiveMinutesAfterCreation() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());

        Challenge challenge = Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Default expiry")
                .create(client);

        assertThat(Duration.between(challenge.getDateCreated(), challenge.getExpirationDate()))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aServiceWithPushIncludeDateAddsTheCreationDateToDetails() {
        Service service = Service.creator(Backend.friendlyName("Dated")).setPushIncludeDate(true).create(client);
        String dated = backend.newEntity(service.getSid());
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(service.getSid(), dated, conformance.newPushDevice());

        Challenge challenge = Challenge.creator(service.getSid(), dated, factor.factorSid())
                .setDetailsMessage("With date")
                .create(client);

        String date = conformance.lastExchange().json().path("details").path("date").asText();
        assertThat(date).isEqualTo(conformance.lastExchange().json().path("date_created").asText());
        assertThat(Untyped.map(challenge.getDetails()).get("date")).isEqualTo(date);
    }

    @Test
    void fetchingAPushChallengeReturnsWhatWasCreated() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        Challenge created = Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Fetch me")
                .setHiddenDetails(Map.of("session", "s-1"))
                .create(client);

        Challenge fetched = Challenge.fetcher(serviceSid, identity, created.getSid()).fetch(client);

        assertThat(fetched).usingRecursiveComparison().isEqualTo(created);
    }

    @Test
    void readingChallengesInPagesOfThreeReturnsEachOnceInCreationOrder() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        List<String> created = createChallenges(factor, 7);

        List<String> read = StreamSupport.stream(Challenge.reader(serviceSid, identity)
                        .setPageSize(3L)
                        .read(client)
                        .spliterator(), false)
                .map(Challenge::getSid)
                .toList();

        assertThat(read).containsExactlyElementsOf(created);
        List<Exchange> pages = listRequests();
        assertThat(pages).as("pages of 3 for 7 challenges").hasSize(3);
        assertThat(pages.get(0).uri().getQuery()).contains("PageSize=3");
        assertThat(pages.get(2).json().path("meta").path("next_page_url").isNull()).isTrue();
        // The SDK follows meta.next_page_url, which the server renders under its public URL.
        assertThat(pages.get(0).json().path("meta").path("next_page_url").asText())
                .startsWith(conformance.baseUrl() + "/v2/Services/" + serviceSid + "/Entities/" + identity + "/Challenges?");
        assertThat(pages.get(0).json().path("meta").path("key").asText()).isEqualTo("challenges");
        assertThat(pages.get(0).json().path("meta").path("page_size").asInt()).isEqualTo(3);
    }

    @Test
    void orderDescReturnsTheNewestChallengeFirst() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        List<String> created = createChallenges(factor, 4);

        List<String> read = StreamSupport.stream(Challenge.reader(serviceSid, identity)
                        .setOrder(Challenge.ListOrders.DESC)
                        .setPageSize(3L)
                        .read(client)
                        .spliterator(), false)
                .map(Challenge::getSid)
                .toList();

        assertThat(read).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void challengesAreFilteredByStatusAndByFactor() {
        PushDevice.Enrolment push = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        List<String> pushChallenges = createChallenges(push, 3);
        Backend.TotpFactor totp = backend.newVerifiedTotpFactor(serviceSid, identity);
        Challenge approved = Challenge.creator(serviceSid, identity, totp.sid()).setAuthPayload(totp.freshCode()).create(client);
        assertThat(approved.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);

        assertThat(sids(Challenge.reader(serviceSid, identity).setStatus(Challenge.ChallengeStatuses.PENDING)))
                .containsExactlyElementsOf(pushChallenges);
        assertThat(sids(Challenge.reader(serviceSid, identity).setStatus(Challenge.ChallengeStatuses.APPROVED)))
                .containsExactly(approved.getSid());
        assertThat(sids(Challenge.reader(serviceSid, identity).setFactorSid(push.factorSid())))
                .containsExactlyElementsOf(pushChallenges);
        assertThat(sids(Challenge.reader(serviceSid, identity).setFactorSid(totp.sid())))
                .containsExactly(approved.getSid());
        assertThat(sids(Challenge.reader(serviceSid, identity)
                .setFactorSid(push.factorSid()).setStatus(Challenge.ChallengeStatuses.APPROVED)))
                .isEmpty();
    }

    private List<String> createChallenges(PushDevice.Enrolment factor, int count) {
        List<String> sids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sids.add(Challenge.creator(serviceSid, identity, factor.factorSid())
                    .setDetailsMessage("Challenge number " + i)
                    .create(client)
                    .getSid());
        }
        return sids;
    }

    private List<String> sids(com.twilio.rest.verify.v2.service.entity.ChallengeReader reader) {
        return StreamSupport.stream(reader.read(client).spliterator(), false).map(Challenge::getSid).toList();
    }

    private List<Exchange> listRequests() {
        String path = "/v2/Services/" + serviceSid + "/Entities/" + identity + "/Challenges";
        return conformance.exchanges().stream()
                .filter(e -> e.method().equals("GET") && e.uri().getPath().equals(path))
                .toList();
    }
}
