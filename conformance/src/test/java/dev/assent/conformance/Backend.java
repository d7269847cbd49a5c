package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.Entity;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The customer's backend: twilio-java with account credentials, plus the set-up steps scenarios
 * share (a fresh service, entity, verified TOTP or push factor). Everything here goes through the
 * SDK, so set-up itself is conformance-checked.
 */
final class Backend {

    static final String APP_ID = "dev.assent.conformance";
    static final String SDK_VERSION = "0.9.0";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TwilioRestClient client;

    Backend(TwilioRestClient client) {
        this.client = client;
    }

    TwilioRestClient client() {
        return client;
    }

    /**
     * A friendly name that fits the response schema's prose rules: at most 30 characters, only
     * letters, digits, spaces, '-' and '_', at most 4 digits.
     */
    static String friendlyName(String prefix) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return prefix + " " + suffix;
    }

    /** A fresh identity: a UUID, i.e. dash-separated alphanumerics, 36 characters. */
    static String newIdentity() {
        return UUID.randomUUID().toString();
    }

    Service newService() {
        return Service.creator(friendlyName("Conformance")).create(client);
    }

    String newEntity(String serviceSid) {
        String identity = newIdentity();
        Entity.creator(serviceSid, identity).create(client);
        return identity;
    }

    /** A TOTP factor as created (still unverified), with the seed the server generated. */
    TotpFactor newTotpFactor(String serviceSid, String identity) {
        NewFactor created = NewFactor.creator(serviceSid, identity, "Conformance authenticator", NewFactor.FactorTypes.TOTP)
                .create(client);
        Map<String, Object> binding = Untyped.map(created.getBinding());
        assertThat(binding).as("totp binding").isNotNull().containsKey("secret");
        return new TotpFactor(serviceSid, identity, created.getSid(),
                TotpCodes.forBase32Secret((String) binding.get("secret")), created);
    }

    /** A TOTP factor verified with a fresh code. */
    TotpFactor newVerifiedTotpFactor(String serviceSid, String identity) {
        TotpFactor factor = newTotpFactor(serviceSid, identity);
        Factor verified = Factor.updater(serviceSid, identity, factor.sid())
                .setAuthPayload(factor.freshCode())
                .update(client);
        assertThat(verified.getStatus()).as("totp factor status after a correct code").isEqualTo(Factor.FactorStatuses.VERIFIED);
        return factor;
    }

    /** A push factor created with account credentials for {@code device}'s key, still unverified. */
    NewFactor newPushFactor(String serviceSid, String identity, PushDevice device) {
        return NewFactor.creator(serviceSid, identity, "Conformance phone", NewFactor.FactorTypes.PUSH)
                .setBindingAlg("ES256")
                .setBindingPublicKey(device.publicKeyBase64())
                .setConfigAppId(APP_ID)
                .setConfigNotificationPlatform(NewFactor.NotificationPlatforms.NONE)
                .setConfigSdkVersion(SDK_VERSION)
                .create(client);
    }

    /** A push factor for {@code device}, verified with the device's signature over the factor SID. */
    PushDevice.Enrolment newVerifiedPushFactor(String serviceSid, String identity, PushDevice device) {
        NewFactor created = newPushFactor(serviceSid, identity, device);
        Factor verified = Factor.updater(serviceSid, identity, created.getSid())
                .setAuthPayload(device.factorProof(created.getSid()))
                .update(client);
        assertThat(verified.getStatus()).as("push factor status after the factor proof").isEqualTo(Factor.FactorStatuses.VERIFIED);
        return enrolment(created);
    }

    static PushDevice.Enrolment enrolment(NewFactor created) {
        Map<String, Object> config = Untyped.map(created.getConfig());
        assertThat(config).as("push factor config").isNotNull().containsKey("credential_sid");
        return new PushDevice.Enrolment(created.getAccountSid(), created.getServiceSid(), created.getIdentity(),
                created.getSid(), (String) config.get("credential_sid"));
    }

    /**
     * A TOTP factor and a source of codes for it. Each {@link #freshCode()} is for a later time step
     * than the one before, so no code is ever presented twice (a server may reject reuse), and always
     * for the current or the next step, which the default skew of one step accepts.
     */
    static final class TotpFactor {
        private static final Duration WAIT_LIMIT = Duration.ofSeconds(65);

        private final String serviceSid;
        private final String identity;
        private final String sid;
        private final TotpCodes codes;
        private final NewFactor created;
        private long lastStep = Long.MIN_VALUE;

        TotpFactor(String serviceSid, String identity, String sid, TotpCodes codes, NewFactor created) {
            this.serviceSid = serviceSid;
            this.identity = identity;
            this.sid = sid;
            this.codes = codes;
            this.created = created;
        }

        String serviceSid() {
            return serviceSid;
        }

        String identity() {
            return identity;
        }

        String sid() {
            return sid;
        }

        NewFactor created() {
            return created;
        }

        TotpCodes codes() {
            return codes;
        }

        /** The code used most recently, for replay checks. */
        String lastCode() {
            if (lastStep == Long.MIN_VALUE) {
                throw new IllegalStateException("no code was handed out yet");
            }
            return codes.codeForStep(lastStep);
        }

        synchronized String freshCode() {
            Instant deadline = Instant.now().plus(WAIT_LIMIT);
            while (true) {
                long current = codes.step(Instant.now());
                long step = Math.max(current, lastStep + 1);
                if (step <= current + 1) {
                    lastStep = step;
                    return codes.codeForStep(step);
                }
                // Both the current and the next step are used up: wait for the clock, with a deadline.
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("TOTP clock did not advance");
                }
                try {
                    Thread.sleep(Duration.ofMillis(250));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** A code that is wrong for every step near now, so no skew window can accept it. */
        String wrongCode() {
            long current = codes.step(Instant.now());
            Set<String> valid = new HashSet<>();
            for (long step = current - 3; step <= current + 3; step++) {
                valid.add(codes.codeForStep(step));
            }
            for (int candidate = 0; ; candidate += 111_111) {
                String code = String.format(Locale.ROOT, "%0" + codes.digits() + "d", candidate % 1_000_000);
                if (!valid.contains(code)) {
                    return code;
                }
            }
        }
    }
}
