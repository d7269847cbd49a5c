package dev.assent.server.passkey;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.RateLimit;
import dev.assent.server.api.Transactions;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeDetails;
import dev.assent.server.challenge.ChallengeEvents;
import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.challenge.ChallengeStore;
import dev.assent.server.challenge.RespondedReason;
import dev.assent.server.entity.Entities;
import dev.assent.server.entity.Entity;
import dev.assent.server.entity.EntityStore;
import dev.assent.server.factor.CreatedFactor;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorEvents;
import dev.assent.server.factor.FactorStatus;
import dev.assent.server.factor.FactorStore;
import dev.assent.server.factor.Factors;
import dev.assent.server.factor.NewBinding;
import dev.assent.server.factor.NewFactorRequest;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.service.PasskeySettings;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio Verify's passkeys operations: create a passkeys factor (a WebAuthn registration), verify it
 * with the browser's attestation, create a login challenge (discoverable, for an identity, or for one
 * factor) and approve it with an assertion. A failed verification or approval changes nothing: the
 * factor stays unverified, the challenge pending, the counter where it was.
 */
public final class Passkeys {

    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);

    /**
     * Discoverable login challenges a service may create in an hour: they name no entity, so no
     * entity's limit applies; this bounds what an unauthenticated login page can make a backend store.
     */
    public static final RateLimit DISCOVERABLE_CREATION = new RateLimit(10_000, Duration.ofHours(1));

    private final PasskeyStore store;
    private final FactorStore factorStore;
    private final ChallengeStore challengeStore;
    private final Factors factors;
    private final Entities entities;
    private final EntityStore entityStore;
    private final Transactions transactions;
    private final FactorEvents factorEvents;
    private final ChallengeEvents challengeEvents;
    private final ChallengeLimits limits;
    private final WebAuthnCeremonies ceremonies;
    private final PasskeyTimeouts timeouts;
    private final SecureRandom random;

    public Passkeys(PasskeyStore store, FactorStore factorStore, ChallengeStore challengeStore, Factors factors, Entities entities,
            EntityStore entityStore, Transactions transactions, FactorEvents factorEvents, ChallengeEvents challengeEvents,
            ChallengeLimits limits, PasskeyTimeouts timeouts, SecureRandom random) {
        this.store = store;
        this.factorStore = factorStore;
        this.challengeStore = challengeStore;
        this.factors = factors;
        this.entities = entities;
        this.entityStore = entityStore;
        this.transactions = transactions;
        this.factorEvents = factorEvents;
        this.challengeEvents = challengeEvents;
        this.limits = limits;
        this.ceremonies = new WebAuthnCeremonies();
        this.timeouts = timeouts;
        this.random = random;
    }

    /**
     * The settings a factor is created with: each of {@code config}'s values, else the service's, else
     * the default. Neither naming any authenticator criterion is Twilio's 60393; no relying party id, 60371.
     */
    public static PasskeySettings resolve(PasskeySettings service, PasskeySettings config) {
        PasskeySettings merged = service.overriddenBy(config);
        if (!merged.hasAuthenticatorCriteria()) {
            throw new ApiException(ApiError.PASSKEY_AUTHENTICATOR_CRITERIA_MISSING, "Neither the factor's config nor the service's "
                    + "passkeys settings name an authenticator attachment, discoverable credentials or user verification");
        }
        String rpId = merged.rpId().orElseThrow(() -> new ApiException(ApiError.PASSKEY_RELYING_PARTY_INVALID,
                "No relying party id: set the service's Passkeys.RelyingParty.Id or the factor's config.relying_party.id"));
        List<String> origins = merged.origins().isEmpty() ? List.of("https://" + rpId) : PasskeySettings.requireOrigins(merged.origins(), rpId);
        return new PasskeySettings(Optional.of(rpId), Optional.of(merged.rpName().orElse(rpId)), origins,
                Optional.of(merged.authenticatorAttachment().orElse(PasskeySettings.Attachment.ANY)),
                Optional.of(merged.discoverableCredentials().orElse(PasskeySettings.Requirement.PREFERRED)),
                Optional.of(merged.userVerification().orElse(PasskeySettings.Requirement.PREFERRED)));
    }

    /** Creates an unverified passkeys factor (and the entity on first use) with an open registration ceremony. */
    public PasskeyRegistration register(VerifyService service, NewPasskeyFactor request, Instant now) {
        PasskeySettings config = resolve(service.passkeys(), request.config());
        String challenge = PasskeyEncoding.newChallenge(random);
        NewFactorRequest creation = new NewFactorRequest(request.friendlyName(),
                new NewBinding.Passkey(config, challenge, now.plus(timeouts.registration())), Optional.empty(), platform -> {
                    throw new AssertionError("a passkeys factor has no notification platform");
                });
        CreatedFactor created = factors.create(service, request.identity(), creation, now);
        Factor factor = created.factor();
        List<PasskeyStore.AllowedCredential> exclude = store.credentials(factor.entitySid());
        return new PasskeyRegistration(factor, (PasskeyBinding) factor.binding(), PasskeyEncoding.userId(factor.entitySid()), exclude,
                timeouts.registration().toMillis());
    }

    /**
     * Verifies the passkeys factor whose open registration the response's challenge names, with the
     * authenticator's attestation; the response names no factor.
     */
    public Factor verifyFactor(VerifyService service, PasskeyResponse response, Instant now) {
        String challenge = WebAuthnCeremonies.challengeOf(response);
        PasskeyStore.FactorRef ref = store.findRegistration(service.sid(), challenge)
                .orElseThrow(() -> new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "No passkeys registration is open with this challenge"));
        Factor factor = factorStore.find(ref.entitySid(), ref.factorSid())
                .orElseThrow(() -> new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "No passkeys registration is open with this challenge"));
        PasskeyBinding binding = (PasskeyBinding) factor.binding();
        PasskeyBinding.Registration registration = binding.registration()
                .orElseThrow(() -> new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "No passkeys registration is open with this challenge"));
        if (registration.isDue(now)) {
            throw new ApiException(ApiError.CHALLENGE_EXPIRED, "The registration of factor " + factor.sid() + " has expired; create another");
        }
        PasskeyBinding.Credential credential = ceremonies.verifyRegistration(response, binding.config(), registration.challenge());
        return transactions.inTransaction(() -> {
            if (store.findByCredentialId(service.sid(), credential.credentialId()).isPresent()) {
                throw new ApiException(ApiError.FACTOR_ALREADY_EXISTS, "This credential is already registered in the service");
            }
            if (!store.completeRegistration(factor.sid(), registration.challenge(), credential, now)) {
                throw new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "The registration of factor " + factor.sid()
                        + " was completed by another request");
            }
            Factor verified = factorStore.find(factor.entitySid(), factor.sid()).orElseThrow();
            factorEvents.emit(FactorEvents.VERIFIED, verified, now);
            log.info("passkeys factor {} verified ({} attestation)", verified.sid(), credential.attestationFormat());
            return verified;
        });
    }

    /**
     * Creates a login challenge: discoverable (no identity: any passkey of the service may answer),
     * for an identity (any of its verified passkeys) or for one of its factors.
     */
    public PasskeyLogin createChallenge(VerifyService service, Input<String> identity, Input<Sid> factorSid, Instant now) {
        Optional<Entity> entity = identity.value().map(i -> entities.fetch(service, i));
        if (factorSid.isPresent() && entity.isEmpty()) {
            throw identity.missing();
        }
        List<PasskeyStore.AllowedCredential> allow;
        PasskeySettings config;
        if (entity.isEmpty()) {
            allow = List.of();
            config = discoverableConfig(service);
        } else {
            Entity e = entity.get();
            List<PasskeyStore.AllowedCredential> credentials = store.credentials(e.sid());
            if (factorSid.isPresent()) {
                Sid sid = factorSid.value().get();
                Factor factor = factorStore.find(e.sid(), sid).orElseThrow(() -> Factors.notFound(e, sid));
                if (!(factor.binding() instanceof PasskeyBinding)) {
                    throw factorSid.invalid(sid.value(), "must be a passkeys factor");
                }
                if (factor.status() != FactorStatus.VERIFIED) {
                    throw new ApiException(ApiError.FACTOR_NOT_VERIFIED, "Factor " + sid + " is not verified");
                }
                credentials = credentials.stream().filter(c -> c.factorSid().equals(sid)).toList();
            }
            if (credentials.isEmpty()) {
                throw new ApiException(ApiError.FACTOR_NOT_VERIFIED, "Entity " + e.identity() + " has no verified passkeys factor");
            }
            allow = credentials;
            // The newest passkey's relying party: the one a login page of this service now uses.
            Sid newest = credentials.get(credentials.size() - 1).factorSid();
            config = ((PasskeyBinding) factorStore.find(e.sid(), newest).orElseThrow().binding()).config();
        }
        Instant created = now.truncatedTo(ChronoUnit.SECONDS);
        PasskeyChallenge challenge = new PasskeyChallenge(Sid.generate(SidType.CHALLENGE), service.accountSid(), service.sid(),
                entity.map(Entity::sid), entity.map(Entity::identity), factorSid.value(), PasskeyEncoding.newChallenge(random),
                config.rpId().orElseThrow(), config.userVerification().orElseThrow(), ChallengeStatus.PENDING, created.plus(timeouts.login()),
                Optional.empty(), now, now);
        transactions.run(() -> {
            admit(service, entity, now);
            // Ended logins are deleted by the retention job (Expirable.PASSKEY_CHALLENGES), not here.
            store.insertChallenge(challenge);
        });
        return new PasskeyLogin(challenge, allow, timeouts.login().toMillis());
    }

    private static PasskeySettings discoverableConfig(VerifyService service) {
        PasskeySettings settings = service.passkeys();
        String rpId = settings.rpId().orElseThrow(() -> new ApiException(ApiError.PASSKEY_RELYING_PARTY_INVALID,
                "A discoverable login needs the service's Passkeys.RelyingParty.Id"));
        return new PasskeySettings(Optional.of(rpId), settings.rpName(), settings.origins(), settings.authenticatorAttachment(),
                settings.discoverableCredentials(), Optional.of(settings.userVerification().orElse(PasskeySettings.Requirement.PREFERRED)));
    }

    /** Challenge creation limits (60312): the entity's as for any challenge; the service's for discoverable ones. */
    private void admit(VerifyService service, Optional<Entity> entity, Instant now) {
        List<RateLimit> rates = entity.isPresent() ? limits.creation() : List.of(DISCOVERABLE_CREATION);
        if (entity.isPresent()) {
            // Serialises this entity's creations, so each counts the others' rows (PostgreSQL; SQLite serialises writers).
            entityStore.lock(entity.get().sid());
        }
        Optional<String> identity = entity.map(Entity::identity);
        Optional<RateLimit.Refusal> refusal = RateLimit.check(rates,
                rate -> store.nthNewestChallengeAfter(service.sid(), identity, rate.windowStart(now), rate.count()), now);
        if (refusal.isPresent()) {
            RateLimit rate = refusal.get().limit();
            throw new ApiException(ApiError.CHALLENGE_CREATION_LIMIT, "Too many passkeys challenges (at most " + rate.count() + " per "
                    + RateLimit.describe(rate.window()) + ")", Optional.of(refusal.get().retryAfter()));
        }
    }

    /**
     * Approves the login challenge the assertion's challenge names, if the credential may answer it
     * and WebAuthn verifies it. Of concurrent approvals exactly one succeeds: the challenge moves from
     * pending with one conditional write, the counter with another, in one transaction.
     */
    public PasskeyChallenge approve(VerifyService service, PasskeyResponse response, Instant now) {
        String value = WebAuthnCeremonies.challengeOf(response);
        PasskeyChallenge stored = store.findChallenge(service.sid(), value)
                .orElseThrow(() -> new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "No passkeys challenge with this challenge value"));
        requirePending(stored, now);
        byte[] credentialId = PasskeyEncoding.credentialId(response.id(), response.rawId(), Optional.empty());
        String id = PasskeyEncoding.base64Url(credentialId);
        PasskeyStore.FactorRef ref = store.findByCredentialId(service.sid(), id)
                .orElseThrow(() -> PasskeyEncoding.rawIdInvalid("no passkey of this service has this credential id"));
        Factor factor = factorStore.find(ref.entitySid(), ref.factorSid())
                .orElseThrow(() -> PasskeyEncoding.rawIdInvalid("no passkey of this service has this credential id"));
        PasskeyBinding binding = (PasskeyBinding) factor.binding();
        PasskeyBinding.Credential credential = binding.credential()
                .filter(c -> factor.status() == FactorStatus.VERIFIED)
                .orElseThrow(() -> PasskeyEncoding.rawIdInvalid("the passkey of this credential id is not verified"));
        if (stored.entitySid().filter(e -> !e.equals(factor.entitySid())).isPresent()) {
            throw PasskeyEncoding.rawIdInvalid("the credential is not one of the challenge's entity");
        }
        if (stored.factorSid().filter(f -> !f.equals(factor.sid())).isPresent()) {
            throw PasskeyEncoding.rawIdInvalid("the credential is not the challenge's factor");
        }
        requireUserHandle(response, stored, factor);
        PasskeySettings config = binding.config();
        if (!config.rpId().orElseThrow().equals(stored.rpId())) {
            throw new ApiException(ApiError.PASSKEY_RP_ID_INVALID, "The credential belongs to relying party " + config.rpId().get()
                    + ", not the challenge's " + stored.rpId());
        }
        boolean uvRequired = stored.userVerification() == PasskeySettings.Requirement.REQUIRED
                || config.userVerification().orElseThrow() == PasskeySettings.Requirement.REQUIRED;
        long counter = ceremonies.verifyAssertion(response, config, stored.challenge(), credential, uvRequired);
        return transactions.inTransaction(() -> {
            if (!store.approve(stored.sid(), factor.entitySid(), factor.identity(), factor.sid(), now)) {
                // Another request approved it first, or it expired since it was read: report this call's outcome.
                PasskeyChallenge current = store.findChallenge(service.sid(), value).orElseThrow();
                requirePending(current, now);
                throw new AssertionError("challenge " + stored.sid() + " is pending but was not approved");
            }
            // Counters that are both zero: an authenticator that does not count (WebAuthn §6.1.1); else it must grow.
            if ((counter != 0 || credential.signCount() != 0)
                    && !store.advanceSignCount(factor.sid(), credential.signCount(), counter, now)) {
                throw new ApiException(ApiError.PASSKEY_AUTHENTICATOR_DATA_INVALID,
                        "The signature counter moved under this assertion: the credential may be cloned");
            }
            PasskeyChallenge approved = store.findChallenge(service.sid(), value).orElseThrow();
            Challenge mirrored = new Challenge(approved.sid(), approved.accountSid(), approved.serviceSid(), factor.entitySid(),
                    factor.identity(), factor.sid(), factor.type(), ChallengeStatus.APPROVED, RespondedReason.NONE,
                    new ChallengeDetails(Optional.empty(), List.of(), Optional.empty()), Optional.empty(), Optional.empty(), 0,
                    approved.expirationDate(), approved.dateResponded(), approved.dateCreated(), approved.dateUpdated());
            challengeStore.insert(mirrored);
            challengeEvents.emit(ChallengeEvents.APPROVED, mirrored, now);
            return approved;
        });
    }

    private static void requirePending(PasskeyChallenge challenge, Instant now) {
        switch (challenge.at(now).status()) {
            case PENDING -> {
            }
            case APPROVED, DENIED -> throw new ApiException(ApiError.CHALLENGE_ALREADY_RESPONDED,
                    "Challenge " + challenge.sid() + " has already been approved");
            case EXPIRED -> throw new ApiException(ApiError.CHALLENGE_EXPIRED, "Challenge " + challenge.sid() + " has expired");
        }
    }

    /**
     * The assertion's {@code userHandle} must be the credential's entity (its {@code user.id}); a
     * discoverable login must carry one (WebAuthn §7.2 step 6).
     */
    private static void requireUserHandle(PasskeyResponse response, PasskeyChallenge challenge, Factor factor) {
        if (response.userHandle().isEmpty() || response.userHandle().get().isEmpty()) {
            if (challenge.isDiscoverable()) {
                throw PasskeyEncoding.rawIdInvalid("a discoverable login needs response.userHandle");
            }
            return;
        }
        byte[] handle = PasskeyEncoding.decode(response.userHandle().get())
                .orElseThrow(() -> PasskeyEncoding.rawIdInvalid("response.userHandle is not base64url"));
        // Not a secret, but compared without a data-dependent early exit anyway.
        if (!MessageDigest.isEqual(handle, PasskeyEncoding.userHandle(factor.entitySid()))) {
            throw PasskeyEncoding.rawIdInvalid("response.userHandle is not the credential's user");
        }
    }

    /** A login challenge as it reads at {@code now} (for rendering). */
    public static PasskeyChallenge read(PasskeyChallenge challenge, Instant now) {
        return challenge.at(now);
    }
}
