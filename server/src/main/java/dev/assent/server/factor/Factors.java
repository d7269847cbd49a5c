package dev.assent.server.factor;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.RateLimit;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.Transactions;
import dev.assent.server.device.DeviceKeys;
import dev.assent.server.device.FactorProof;
import dev.assent.server.entity.Entities;
import dev.assent.server.entity.Entity;
import dev.assent.server.entity.EntityStore;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.totp.OtpAuthUri;
import dev.assent.server.totp.Totp;
import dev.assent.server.totp.TotpAlgorithm;
import dev.assent.server.totp.TotpParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Factor resource: enrollment of push and TOTP factors, their verification by proof of
 * possession, update, listing and deletion.
 */
public final class Factors {

    private static final Logger log = LoggerFactory.getLogger(Factors.class);

    public static final int MAX_PUSH_FACTORS = 20;
    public static final int MAX_TOTP_FACTORS = 100;
    /** Passkeys an entity may hold (registered or being registered); Twilio documents no figure, push's is taken. */
    public static final int MAX_PASSKEYS_FACTORS = 20;
    /** The longest friendly name of a factor (and of the factor an access token enrolls). */
    public static final int MAX_FRIENDLY_NAME = 64;
    public static final int MAX_APP_ID = 100;
    public static final int MAX_SDK_VERSION = 64;
    public static final int MIN_NOTIFICATION_TOKEN = 32;
    public static final int MAX_NOTIFICATION_TOKEN = 255;
    /** Shortest accepted TOTP seed: RFC 4226 §4 requires at least 128 bits; we accept Twilio's 80-bit minimum. */
    public static final int MIN_SECRET_BYTES = 10;
    public static final int MAX_SECRET_BYTES = 64;

    private final FactorStore store;
    private final EntityStore entityStore;
    private final Entities entities;
    private final Transactions transactions;
    private final FactorEvents events;
    private final FactorLimits limits;
    private final FactorMetrics metrics;

    /**
     * With {@code events} told of creations, verifications and deletions inside their transactions,
     * {@code limits} on how many factors an entity may create, and {@code metrics} told of each
     * verification attempt's outcome once it is decided.
     */
    public Factors(FactorStore store, EntityStore entityStore, Entities entities, Transactions transactions, FactorEvents events,
            FactorLimits limits, FactorMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.entityStore = entityStore;
        this.entities = entities;
        this.transactions = transactions;
        this.events = events;
        this.limits = limits;
    }

    public CreatedFactor create(VerifyService service, String identity, NewFactorRequest request, Instant now) {
        return create(service, identity, request, now, () -> { });
    }

    /**
     * Creates a factor after running {@code claim} first inside the creating transaction, so that what
     * it claims (an access token's single use) and the factor are written together or not at all: if
     * {@code claim} throws, nothing is written; if the creation fails, the claim is rolled back.
     */
    public CreatedFactor create(VerifyService service, String identity, NewFactorRequest request, Instant now, Runnable claim) {
        String friendlyName = request.friendlyName();
        FactorBinding binding = switch (request.binding()) {
            case NewBinding.Push push -> pushBinding(push, request.missingNotificationToken());
            case NewBinding.Totp totp -> totpBinding(service, totp);
            case NewBinding.Passkey passkey -> new PasskeyBinding(passkey.config(),
                    Optional.of(new PasskeyBinding.Registration(passkey.challenge(), passkey.expiresAt())), Optional.empty());
        };
        return transactions.inTransaction(() -> {
            claim.run();
            Entity entity = entities.findOrCreate(service, identity, now);
            entityStore.lock(entity.sid());
            admitCreation(entity, now);
            int limit = switch (binding.type()) {
                case PUSH -> MAX_PUSH_FACTORS;
                case TOTP -> MAX_TOTP_FACTORS;
                case PASSKEYS -> MAX_PASSKEYS_FACTORS;
            };
            if (store.count(entity.sid(), binding.type()) >= limit) {
                throw new ApiException(ApiError.TOO_MANY_FACTORS,
                        "Max " + binding.type().wireName() + " factors per entity reached (" + limit + ")");
            }
            if (binding instanceof PushBinding push && store.publicKeyExists(entity.sid(), push.publicKey())) {
                throw new ApiException(ApiError.FACTOR_ALREADY_EXISTS, "A factor with this public key already exists");
            }
            Factor factor = new Factor(Sid.generate(SidType.FACTOR), service.accountSid(), service.sid(), entity.sid(),
                    entity.identity(), friendlyName, FactorStatus.UNVERIFIED, binding, request.metadata(), 0, now, now);
            store.insert(factor);
            recordCreation(factor, now);
            events.emit(FactorEvents.CREATED, factor, now);
            Optional<String> uri = switch (binding) {
                case PushBinding push -> Optional.empty();
                case PasskeyBinding passkey -> Optional.empty();
                case TotpBinding totp -> Optional.of(OtpAuthUri.of(service.totp().issuer().orElse(service.friendlyName()),
                        friendlyName, totp.secret().base32(), totp.parameters()));
            };
            return new CreatedFactor(factor, uri);
        });
    }

    /**
     * Refuses a creation beyond {@link FactorLimits} (60326). Runs under the entity's row lock, so
     * concurrent creations for one identity count each other's ledger rows.
     */
    private void admitCreation(Entity entity, Instant now) {
        Optional<RateLimit.Refusal> refusal = RateLimit.check(limits.creation(), rate ->
                store.nthNewestCreationAfter(entity.serviceSid(), entity.identity(), rate.windowStart(now), rate.count()), now);
        if (refusal.isPresent()) {
            RateLimit rate = refusal.get().limit();
            log.info("factor creation limit {} reached for entity {}", rate, entity.sid());
            throw new ApiException(ApiError.FACTOR_CREATION_LIMIT, "Too many requests to create factors for the entity (at most "
                    + rate.count() + " per " + RateLimit.describe(rate.window()) + ")", Optional.of(refusal.get().retryAfter()));
        }
    }

    private void recordCreation(Factor factor, Instant now) {
        limits.creation().stream().map(RateLimit::window).max(Comparator.naturalOrder())
                .ifPresent(longest -> store.recordCreation(factor, now.minus(longest)));
    }

    public Factor fetch(Entity entity, Sid factorSid) {
        return store.find(entity.sid(), factorSid).orElseThrow(() -> notFound(entity, factorSid));
    }

    public Page<Factor> list(Entity entity, PageRequest page) {
        return store.list(entity.sid(), page);
    }

    /** The push factor a device JWT names by its credential SID, if any, with its entity, service and account's state. */
    public Optional<DeviceFactor> findDevice(String credentialSid) {
        return Sid.matches(SidType.CREDENTIAL, credentialSid) ? store.findDevice(credentialSid) : Optional.empty();
    }

    /**
     * Updates a factor. An {@code AuthPayload} on an unverified factor verifies it: a TOTP code, or
     * for push the device's signature over the factor SID. A wrong proof leaves it unverified (as
     * Twilio does since 2021) and counts an attempt; after {@value Factor#MAX_VERIFICATION_ATTEMPTS}
     * wrong ones, verification is refused. On a factor that is already verified (also by a concurrent
     * request) a TOTP {@code AuthPayload} is refused with 60311; a push proof is checked again.
     */
    public Factor update(Entity entity, Sid factorSid, FactorUpdateRequest request, Instant now) {
        Factor current = fetch(entity, factorSid);
        Factor changed = applyChanges(current, request, now);
        Optional<String> payload = request.authPayload();
        if (payload.isPresent() && current.binding() instanceof PasskeyBinding) {
            throw new ApiException(ApiError.INVALID_REQUEST, "A passkeys factor is verified with POST /v2/Services/"
                    + current.serviceSid() + "/Passkeys/VerifyFactor, not with an AuthPayload");
        }
        // Whether the factor is still unverified is decided by the attempt's conditional write, not by this read.
        if (payload.isPresent()) {
            return observed(current, () -> verify(changed, payload.get(), now));
        }
        return transactions.inTransaction(() -> {
            if (!store.update(changed)) {
                throw notFound(entity, factorSid);
            }
            return changed;
        });
    }

    public void delete(Entity entity, Sid factorSid, Instant now) {
        boolean deleted = transactions.inTransaction(() -> {
            Optional<Factor> factor = store.find(entity.sid(), factorSid);
            if (factor.isEmpty() || !store.delete(entity.sid(), factorSid)) {
                return false;
            }
            events.emit(FactorEvents.DELETED, factor.get(), now);
            return true;
        });
        if (!deleted) {
            throw notFound(entity, factorSid);
        }
    }

    /**
     * Runs a verification and tells {@link FactorMetrics} its outcome once it returned (committed): of
     * a factor that was unverified, verified or still unverified (a wrong proof); a refusal for want
     * of attempts. A proof repeated on a verified factor is not a verification and is not counted.
     */
    private Factor observed(Factor before, Supplier<Factor> verification) {
        Factor result;
        try {
            result = verification.get();
        } catch (ApiException e) {
            if (e.error() == ApiError.FACTOR_ATTEMPTS_EXHAUSTED) {
                metrics.verification(before.type(), FactorMetrics.Result.LIMIT_HIT);
            }
            throw e;
        }
        if (before.status() != FactorStatus.VERIFIED) {
            metrics.verification(before.type(),
                    result.status() == FactorStatus.VERIFIED ? FactorMetrics.Result.VERIFIED : FactorMetrics.Result.WRONG_PROOF);
        }
        return result;
    }

    /**
     * Verifies an unverified factor with {@code payload}. Counted before judged: one conditional write
     * takes an attempt, and only a proof that got one is checked; the answer reports that write's
     * outcome, so of racing proofs exactly one verifies and the others learn that theirs did not.
     */
    private Factor verify(Factor factor, String payload, Instant now) {
        return transactions.inTransaction(() -> {
            OptionalInt attempts = store.takeVerificationAttempt(factor.sid(), Factor.MAX_VERIFICATION_ATTEMPTS);
            if (attempts.isEmpty()) {
                return withoutAttempt(factor, payload);
            }
            boolean accepted = switch (factor.binding()) {
                case PushBinding push -> FactorProof.verify(DeviceKeys.parsePublicKey(push.publicKey()), factor.sid().value(), payload);
                case TotpBinding totp -> {
                    OptionalLong counter = Totp.verify(totp.secret().bytes(), totp.parameters(), payload, now);
                    yield counter.isPresent() && store.advanceTotpCounter(factor.sid(), counter.getAsLong());
                }
                case PasskeyBinding passkey -> throw new AssertionError("a passkeys factor has no AuthPayload (refused by update)");
            };
            store.update(factor);
            if (!accepted) {
                return withAttempts(factor, attempts.getAsInt());
            }
            if (!store.markVerified(factor.sid(), now)) {
                throw new AssertionError("factor " + factor.sid() + " changed under the verification attempt it holds");
            }
            Factor verified = store.find(factor.entitySid(), factor.sid()).orElseThrow();
            events.emit(FactorEvents.VERIFIED, verified, now);
            return verified;
        });
    }

    /**
     * A proof that got no attempt: none are left, or the factor is verified (perhaps by a racing
     * proof). A device may repeat its push proof, say after a lost response: a signature cannot be
     * guessed, so it is checked without an attempt and changes nothing but the update. A TOTP code
     * could be guessed, so it is never checked on a verified factor: that would be a code oracle
     * without a limit.
     */
    private Factor withoutAttempt(Factor factor, String payload) {
        Factor current = store.find(factor.entitySid(), factor.sid()).orElseThrow(() -> new ApiException(ApiError.NOT_FOUND));
        if (current.status() != FactorStatus.VERIFIED) {
            throw new ApiException(ApiError.FACTOR_ATTEMPTS_EXHAUSTED);
        }
        if (factor.binding() instanceof PushBinding push
                && FactorProof.verify(DeviceKeys.parsePublicKey(push.publicKey()), factor.sid().value(), payload)) {
            store.update(factor);
            return store.find(factor.entitySid(), factor.sid()).orElseThrow();
        }
        throw new ApiException(ApiError.FACTOR_ALREADY_VERIFIED, "Factor " + factor.sid() + " is already verified; "
                + (factor.type() == FactorType.TOTP ? "a TOTP code is not checked again" : "the proof does not prove it"));
    }

    private static Factor withAttempts(Factor f, int attempts) {
        return new Factor(f.sid(), f.accountSid(), f.serviceSid(), f.entitySid(), f.identity(), f.friendlyName(), f.status(),
                f.binding(), f.metadata(), attempts, f.dateCreated(), f.dateUpdated());
    }

    private static Factor applyChanges(Factor current, FactorUpdateRequest request, Instant now) {
        String name = request.friendlyName().orElse(current.friendlyName());
        FactorBinding binding = switch (current.binding()) {
            case PushBinding push -> {
                NotificationPlatform platform = request.notificationPlatform().orElse(push.notificationPlatform());
                Optional<String> token = request.notificationToken().or(push::notificationToken);
                if (platform == NotificationPlatform.NONE && request.notificationPlatform().isPresent()
                        && request.notificationToken().isEmpty()) {
                    token = Optional.empty();
                }
                requireTokenForPlatform(platform, token, request.missingNotificationToken());
                yield new PushBinding(push.publicKey(), push.credentialSid(), push.appId(),
                        request.sdkVersion().orElse(push.sdkVersion()), platform, token);
            }
            case PasskeyBinding passkey -> passkey;
            case TotpBinding totp -> {
                TotpParameters p = totp.parameters();
                TotpConfig config = request.totp();
                yield new TotpBinding(totp.secret(), new TotpParameters(
                        config.algorithm().orElse(p.algorithm()),
                        config.codeLength().orElse(p.codeLength()),
                        Duration.ofSeconds(config.timeStepSeconds().orElse((int) p.timeStep().toSeconds())),
                        config.skew().orElse(p.skew())), totp.lastAcceptedCounter());
            }
        };
        return new Factor(current.sid(), current.accountSid(), current.serviceSid(), current.entitySid(), current.identity(),
                name, current.status(), binding, current.metadata(), current.failedAttempts(), current.dateCreated(), now);
    }

    private static PushBinding pushBinding(NewBinding.Push request, Function<NotificationPlatform, ApiException> missingToken) {
        NotificationPlatform platform = request.notificationPlatform().orElse(NotificationPlatform.NONE);
        requireTokenForPlatform(platform, request.notificationToken(), missingToken);
        return new PushBinding(request.publicKey(), Sid.generate(SidType.CREDENTIAL), request.appId(), request.sdkVersion(), platform,
                platform == NotificationPlatform.NONE ? Optional.empty() : request.notificationToken());
    }

    /**
     * The factor's TOTP settings: each asked-for value (already within {@link TotpParameters}' ranges),
     * else the service's (kept within them by the service), else the RFC default.
     */
    private static TotpBinding totpBinding(VerifyService service, NewBinding.Totp request) {
        TotpConfig config = request.config();
        TotpAlgorithm alg = config.algorithm().orElse(TotpParameters.DEFAULT_ALGORITHM);
        TotpParameters parameters = new TotpParameters(alg,
                config.codeLength().orElse(service.totp().codeLength().orElse(TotpParameters.DEFAULT_CODE_LENGTH)),
                Duration.ofSeconds(config.timeStepSeconds()
                        .orElse(service.totp().timeStep().orElse((int) TotpParameters.DEFAULT_TIME_STEP.toSeconds()))),
                config.skew().orElse(service.totp().skew().orElse(TotpParameters.DEFAULT_SKEW)));
        TotpSecret seed = request.secret().orElseGet(() -> TotpSecret.of(Totp.newSecret(alg)));
        return new TotpBinding(seed, parameters, OptionalLong.empty());
    }

    /** A push factor announced on APNs or FCM needs a token to announce to. */
    private static void requireTokenForPlatform(NotificationPlatform platform, Optional<String> token,
            Function<NotificationPlatform, ApiException> missingToken) {
        if (platform != NotificationPlatform.NONE && token.isEmpty()) {
            throw missingToken.apply(platform);
        }
    }

    public static ApiException notFound(Entity entity, Sid factorSid) {
        return new ResourceNotFound(SidType.FACTOR, factorSid.value());
    }
}
