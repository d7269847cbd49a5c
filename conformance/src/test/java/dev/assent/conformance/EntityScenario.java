package dev.assent.conformance;

import com.twilio.http.TwilioRestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The common start of most scenarios: the shared running server, the backend's twilio-java client,
 * and a fresh service with one entity before each test. JUnit runs the superclass's {@code @BeforeEach}
 * before the subclass's own.
 */
@ExtendWith(ConformanceExtension.class)
abstract class EntityScenario {

    final Conformance conformance;
    final Backend backend;
    final TwilioRestClient client;
    String serviceSid;
    String identity;

    EntityScenario(Conformance conformance) {
        this.conformance = conformance;
        this.backend = conformance.backend();
        this.client = backend.client();
    }

    @BeforeEach
    void createServiceAndEntity() {
        serviceSid = backend.newService().getSid();
        identity = backend.newEntity(serviceSid);
    }
}
