package dev.assent.conformance;

import com.twilio.http.TwilioRestClient;
import dev.assent.client.AssentClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a conformance test works with: twilio-java clients and raw wire access to the Assent server
 * of the run. Each test instance gets its own, so {@link #exchanges()} only shows its own traffic.
 */
final class Conformance {

    private final AssentServer server;
    private final Transcript transcript;
    private final WireClient wire;

    Conformance(AssentServer server, Transcript transcript) {
        this.server = server;
        this.transcript = transcript;
        this.wire = new WireClient(transcript);
    }

    /** The same clients, validated and written to the same transcript, pointed at another server (one of the test's own). */
    Conformance on(AssentServer other) {
        return new Conformance(other, transcript);
    }

    URI baseUrl() {
        return server.baseUrl();
    }

    AssentServer.Account account() {
        return server.account();
    }

    /** A twilio-java client with the run's account credentials, pointed at Assent. */
    TwilioRestClient twilio() {
        return twilio(server.account().sid(), server.account().authToken());
    }

    /** A twilio-java client with the given Basic credentials, pointed at Assent. */
    TwilioRestClient twilio(String user, String password) {
        return new TwilioRestClient.Builder(user, password)
                .httpClient(new RewritingTwilioHttpClient(server.baseUrl(), wire))
                .build();
    }

    /**
     * A twilio-java client authenticated with an API key, as the SDKs document it: Basic with the key's
     * SID and secret, the account SID only in the 2010 API's paths.
     */
    TwilioRestClient twilioWithApiKey(String keySid, String secret) {
        return new TwilioRestClient.Builder(keySid, secret)
                .accountSid(server.account().sid())
                .httpClient(new RewritingTwilioHttpClient(server.baseUrl(), wire))
                .build();
    }

    /**
     * The project's own Java client ({@code client/}) with the run's account credentials, pointed at Assent: 5 s to
     * connect, 20 s a request, at most 2 retries.
     */
    AssentClient assentClient() {
        return AssentClient.builder()
                .baseUrl(server.baseUrl())
                .credentials(server.account().sid(), server.account().authToken())
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(20))
                .maxRetries(2)
                .build();
    }

    /** The customer's backend: twilio-java with the run's account, plus scenario set-up steps. */
    Backend backend() {
        return new Backend(twilio());
    }

    /** A second account on the same server, for isolation checks; empty when none can be had. */
    Optional<AssentServer.Account> secondAccount() {
        return server.secondAccount();
    }

    /** A new account of its own (its tokens may be rotated); empty against an external server. */
    Optional<AssentServer.Account> freshAccount() {
        return server.freshAccount();
    }

    /** A fresh push device (new P-256 key) talking the mobile SDK protocol to Assent. */
    PushDevice newPushDevice() {
        return new PushDevice(server.baseUrl(), wire);
    }

    /** Raw, validated HTTP access for requests twilio-java cannot make. */
    WireClient wire() {
        return wire;
    }

    /** Every exchange made through this instance's clients, oldest first. */
    List<Exchange> exchanges() {
        return wire.exchanges();
    }

    /** The last exchange made through this instance's clients. */
    Exchange lastExchange() {
        List<Exchange> all = wire.exchanges();
        if (all.isEmpty()) {
            throw new AssertionError("no request was made");
        }
        return all.get(all.size() - 1);
    }
}
