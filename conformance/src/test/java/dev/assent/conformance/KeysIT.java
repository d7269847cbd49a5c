package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys through twilio-java's 2010 classes ({@code NewKey}, {@code Key}), and a
 * {@code TwilioRestClient} built from a key driving Verify. The Keys responses are not in the Verify
 * spec; {@link WireContract} checks their error shape and RFC 2822 dates, this test their fields.
 */
@ExtendWith(ConformanceExtension.class)
class KeysIT {

    private final Conformance conformance;
    private final TwilioRestClient client;

    KeysIT(Conformance conformance) {
        this.conformance = conformance;
        this.client = conformance.twilio();
    }

    @Test
    void aKeyCreatedThroughTwilioJavaDrivesVerifyUntilItIsDeleted() {
        NewKey created = NewKey.creator().setFriendlyName("conformance backend").create(client);
        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(conformance.lastExchange().uri().getPath())
                .isEqualTo("/2010-04-01/Accounts/" + conformance.account().sid() + "/Keys.json");
        assertThat(created.getSid()).matches("SK[0-9a-f]{32}");
        assertThat(created.getSecret()).matches("[A-Za-z0-9]{32}");
        assertThat(created.getFriendlyName()).isEqualTo("conformance backend");
        assertThat(created.getDateCreated()).isNotNull();
        assertThat(created.getDateUpdated()).isNotNull();

        TwilioRestClient keyClient = conformance.twilioWithApiKey(created.getSid(), created.getSecret());
        Backend backend = new Backend(keyClient);
        Service service = backend.newService();
        assertThat(service.getAccountSid()).isEqualTo(conformance.account().sid());
        String identity = backend.newEntity(service.getSid());
        Backend.TotpFactor factor = backend.newVerifiedTotpFactor(service.getSid(), identity);
        Challenge challenge = Challenge.creator(service.getSid(), identity, factor.sid()).setAuthPayload(factor.freshCode())
                .create(keyClient);
        assertThat(challenge.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);

        assertThat(Key.deleter(created.getSid()).delete(client)).isTrue();
        expectError(401, 20003, () -> Service.fetcher(service.getSid()).fetch(keyClient));
        expectError(401, 20003, () -> Service.creator(Backend.friendlyName("After delete")).create(keyClient));
        // The auth token still sees the service the key made.
        assertThat(Service.fetcher(service.getSid()).fetch(client).getSid()).isEqualTo(service.getSid());
    }

    @Test
    void keysAreFetchedListedAndRenamedWithoutTheirSecret() {
        NewKey first = NewKey.creator().setFriendlyName("first").create(client);
        NewKey second = NewKey.creator().setFriendlyName("second").create(client);

        Key fetched = Key.fetcher(first.getSid()).fetch(client);
        assertThat(fetched.getSid()).isEqualTo(first.getSid());
        assertThat(fetched.getFriendlyName()).isEqualTo("first");
        assertThat(fetched.getDateCreated()).isEqualTo(first.getDateCreated());
        assertThat(conformance.lastExchange().responseBody()).doesNotContain(first.getSecret()).doesNotContain("\"secret\"");

        // Page size 1: twilio-java follows next_page_uri through every page.
        List<String> listed = StreamSupport.stream(Key.reader().setPageSize(1L).read(client).spliterator(), false)
                .map(Key::getSid).toList();
        assertThat(listed).contains(first.getSid(), second.getSid()).doesNotHaveDuplicates();

        Key renamed = Key.updater(second.getSid()).setFriendlyName("second, renamed").update(client);
        assertThat(renamed.getFriendlyName()).isEqualTo("second, renamed");
        assertThat(Key.fetcher(second.getSid()).fetch(client).getFriendlyName()).isEqualTo("second, renamed");

        assertThat(Key.deleter(first.getSid()).delete(client)).isTrue();
        assertThat(Key.deleter(second.getSid()).delete(client)).isTrue();
        expectError(404, 20404, () -> Key.fetcher(first.getSid()).fetch(client));
    }

    @Test
    void aKeyMayNotManageKeys() {
        NewKey created = NewKey.creator().setFriendlyName("standard").create(client);
        TwilioRestClient keyClient = conformance.twilioWithApiKey(created.getSid(), created.getSecret());
        expectError(403, 20003, () -> NewKey.creator().setFriendlyName("minted by a key").create(keyClient));
        expectError(403, 20003, () -> Key.deleter(created.getSid()).delete(keyClient));
        assertThat(Key.fetcher(created.getSid()).fetch(client).getFriendlyName()).isEqualTo("standard");
        assertThat(Key.deleter(created.getSid()).delete(client)).isTrue();
    }
}
