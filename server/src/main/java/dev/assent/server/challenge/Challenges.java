package dev.assent.server.challenge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.Transactions;
import dev.assent.server.device.ChallengeResponse;
import dev.assent.server.device.DeviceKeys;
import dev.assent.server.entity.Entity;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorStatus;
import dev.assent.server.factor.FactorStore;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.Factors;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.factor.TotpBinding;
import dev.assent.server.factor.TotpGuesses;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.totp.Totp;
import dev.assent.server.totp.TotpParameters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Challenge resource: create a challenge for a verified factor, read it, and answer it with a
 * TOTP code or a push approval signed by the device.
 */
public final class Challenges {

    private static final Logger log = LoggerFactory.getLogger(Challenges.class);

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration MAX_TTL = Duration.ofMinutes(60);
    /** Bounds the decide-and-write loop; losses are bounded by the transitions a challenge has. */
    private static final int MAX_DECISIONS = ChallengeStateMachine.MAX_ATTEMPTS + 3;
    /** The refusals {@link ChallengeMetrics} counts as a limit hit. */
    private static final Set<ApiError> LIMITS = Set.of(ApiError.CHALLENGE_CREATION_LIMIT, ApiError.CHALLENGE_ATTEMPTS_EXHAUSTED,
            ApiError.FACTOR_LOCKED_OUT);

    /** A passkeys challenge is created and answered through the Passkeys operations only. */
    private static final String PASSKEYS_ELSEWHERE = "A passkeys challenge is created and approved with POST /v2/Services/";

    private final ChallengeStore store;
    private final FactorStore factorStore;
    private final Transactions transactions;
    private final ChallengeEvents events;
    private final PushOutbox pushes;
    private final TotpLockout lockout;
    private final ChallengeQuota quota;
    private final ChallengeMetrics metrics;

    /**
     * With {@code events} told of approvals and denials, and {@code pushes} given the push jobs of new
     * challenges, both inside the transactions that cause them; TOTP answers subject to {@code lockout},
     * creation to {@code limits} on how many challenges a factor may have created and pending; and
     * {@code metrics} told of each creation and decided outcome, after the write that decided it.
     */
    public Challenges(ChallengeStore store, FactorStore factorStore, Transactions transactions, ChallengeEvents events,
            PushOutbox pushes, TotpLockout lockout, ChallengeLimits limits, ChallengeMetrics metrics) {
        this.metrics = metrics;
        this.quota = new ChallengeQuota(limits, store, factorStore);
        this.store = store;
        this.factorStore = factorStore;
        this.transactions = transactions;
        this.events = events;
        this.pushes = pushes;
        this.lockout = lockout;
    }

    public Challenge create(VerifyService service, Entity entity, NewChallengeRequest request, Instant now) {
        Sid factorSid = request.factorSid().required();
        Factor factor = factorStore.find(entity.sid(), factorSid).orElseThrow(() -> Factors.notFound(entity, factorSid));
        if (factor.status() != FactorStatus.VERIFIED) {
            throw new ApiException(ApiError.FACTOR_NOT_VERIFIED, "Factor " + factorSid + " is not verified");
        }
        if (factor.binding() instanceof PasskeyBinding) {
            throw new ApiException(ApiError.INVALID_REQUEST, PASSKEYS_ELSEWHERE + service.sid() + "/Passkeys/Challenges");
        }
        Instant created = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiration = expiration(request.expirationDate(), created);
        ChallengeDetails details = details(factor, request, service.push().includeDate() ? Optional.of(created) : Optional.empty());
        Optional<String> code = request.authPayload().value();
        if (code.isPresent()) {
            if (factor.binding() instanceof PushBinding) {
                throw request.authPayload().invalid(null, "is only used with " + FactorType.TOTP.wireName() + " factors");
            }
            requireTotpCodeShape(request.authPayload(), code.get());
        }
        Challenge challenge = new Challenge(Sid.generate(SidType.CHALLENGE), entity.accountSid(), entity.serviceSid(), entity.sid(),
                entity.identity(), factorSid, factor.type(), ChallengeStatus.PENDING, RespondedReason.NONE, details,
                request.hiddenDetails(), Optional.empty(), 0, expiration, Optional.empty(), now, now);
        if (code.isPresent()) {
            // The challenge commits with the answer to its code: an answer refused while the factor is
            // locked out leaves no challenge behind.
            TotpBinding totp = (TotpBinding) factor.binding();
            return observed(factor.type(), true, true, () -> transactions.inTransaction(() -> {
                quota.admit(factor, service.push().replaceOldestPending(), now);
                store.insert(challenge);
                return answerTotp(challenge, factor.sid(), totp, code.get(), Optional.empty(), now);
            }));
        }
        // The push job commits with the challenge: a provider that is down delays the push, never the challenge.
        boolean push = factor.binding() instanceof PushBinding binding && binding.notificationPlatform() != NotificationPlatform.NONE
                && binding.notificationToken().isPresent();
        observed(factor.type(), true, false, () -> {
            transactions.run(() -> {
                quota.admit(factor, service.push().replaceOldestPending(), now);
                store.insert(challenge);
                if (push) {
                    pushes.enqueue(challenge, Optional.empty(), challenge.expirationDate(), now);
                }
            });
            return challenge;
        });
        if (push) {
            pushes.committed();
        }
        return challenge;
    }

    public Challenge fetch(Entity entity, Sid challengeSid, Instant now) {
        return find(entity, challengeSid).at(now);
    }

    public Page<Challenge> list(Entity entity, Optional<Sid> factorSid, Optional<ChallengeStatus> status, PageRequest page,
            Instant now) {
        Page<Challenge> stored = store.list(entity.sid(), factorSid, status, page, now);
        return new Page<>(stored.items().stream().map(c -> c.at(now)).toList(), stored.hasPrevious(), stored.hasNext());
    }

    /**
     * Answers a pending challenge. For TOTP the payload is the code; a wrong one leaves the challenge
     * pending and counts an attempt. For push it is the device's compact JWS over {@code signedFields}
     * (the fields the server named in {@code Twilio-Verify-Signature-Fields}, as it renders them) plus
     * the new status. Either way the answer reports the outcome of its own write, never a state a
     * concurrent answer made.
     */
    public Challenge respond(Entity entity, Sid challengeSid, Input<String> authPayload,
            Optional<Map<String, String>> metadata, Function<Challenge, Map<String, JsonNode>> signedFields, Instant now) {
        Challenge challenge = find(entity, challengeSid);
        // Early, for the error a closed challenge gets; the write below decides again on the row it changes.
        ChallengeStateMachine.requireAnswerable(challenge, now);
        String payload = authPayload.required();
        Factor factor = factorStore.find(entity.sid(), challenge.factorSid())
                .orElseThrow(() -> Factors.notFound(entity, challenge.factorSid()));
        return switch (factor.binding()) {
            case TotpBinding totp -> {
                requireTotpCodeShape(authPayload, payload);
                yield observed(factor.type(), false, true,
                        () -> transactions.inTransaction(() -> answerTotp(challenge, factor.sid(), totp, payload, metadata, now)));
            }
            case PasskeyBinding passkey -> throw new ApiException(ApiError.INVALID_REQUEST,
                    PASSKEYS_ELSEWHERE + challenge.serviceSid() + "/Passkeys/ApproveChallenge");
            case PushBinding push -> observed(factor.type(), false, true,
                    () -> answerPush(challenge, push, authPayload, payload, metadata, signedFields.apply(challenge), now));
        };
    }

    /**
     * Runs work that creates or answers a challenge and tells {@link ChallengeMetrics} what it
     * decided once it returned (committed): a creation when {@code creates}; when it {@code answers},
     * the outcome (approved, denied, or still pending after a counted code: a wrong one); a refusal by
     * a limit when it throws one (nothing was written then).
     */
    private Challenge observed(FactorType type, boolean creates, boolean answers, Supplier<Challenge> work) {
        Challenge result;
        try {
            result = work.get();
        } catch (ApiException e) {
            if (LIMITS.contains(e.error())) {
                metrics.outcome(type, ChallengeMetrics.Outcome.LIMIT_HIT);
            }
            throw e;
        }
        if (creates) {
            metrics.created(type);
        }
        switch (result.status()) {
            case APPROVED -> metrics.outcome(type, ChallengeMetrics.Outcome.APPROVED);
            case DENIED -> metrics.outcome(type, ChallengeMetrics.Outcome.DENIED);
            case PENDING -> {
                if (answers) {
                    // An answer that left the challenge pending was a TOTP code judged wrong.
                    metrics.outcome(type, ChallengeMetrics.Outcome.WRONG_CODE);
                }
            }
            case EXPIRED -> {
            }
        }
        return result;
    }

    /**
     * Judges a TOTP code, inside the caller's transaction. Counted before judged: the factor's guess
     * (while the lockout is on) and then the challenge's attempt are taken by conditional writes, and
     * only a code that got both is compared. The factor's row is written first, the order in which a
     * factor's deletion reaches its challenges.
     */
    private Challenge answerTotp(Challenge challenge, Sid factorSid, TotpBinding totp, String code,
            Optional<Map<String, String>> metadata, Instant now) {
        Optional<TotpGuesses> guesses = Optional.empty();
        if (lockout.enabled()) {
            guesses = Optional.of(factorStore.countTotpGuess(factorSid, now).orElseThrow(() -> lockedOut(factorSid, now)));
        } else {
            // Off: nothing is counted and no earlier lockout holds; the write still takes the factor row first.
            factorStore.clearTotpGuesses(factorSid);
        }
        Challenge counted = transition(challenge, new ChallengeEvent.GuessCounted(), now);
        OptionalLong counter = Totp.verify(totp.secret().bytes(), totp.parameters(), code, now);
        // The counter only advances for a code never accepted before on this factor: replay protection
        // across all of its challenges.
        if (counter.isPresent() && factorStore.advanceTotpCounter(factorSid, counter.getAsLong())) {
            Challenge approved = transition(counted, new ChallengeEvent.GuessAccepted(metadata), now);
            if (guesses.isPresent()) {
                factorStore.clearTotpGuesses(factorSid);
            }
            events.emit(ChallengeEvents.APPROVED, approved, now);
            return approved;
        }
        log.info("wrong TOTP code for challenge {} (attempt {})", challenge.sid(), counted.failedAttempts());
        if (guesses.isPresent() && guesses.get().consecutiveFailures() >= lockout.threshold()) {
            Duration length = lockout.duration(guesses.get().lockouts());
            factorStore.lockOutTotp(factorSid, now.plus(length));
            log.info("factor {} locked out of TOTP answers for {} s after {} wrong codes in a row", factorSid, length.toSeconds(),
                    guesses.get().consecutiveFailures());
        }
        return counted;
    }

    private Challenge answerPush(Challenge challenge, PushBinding push, Input<String> parameter, String payload,
            Optional<Map<String, String>> metadata, Map<String, JsonNode> signedFields, Instant now) {
        if (payload.length() > ChallengeResponse.MAX_LENGTH) {
            throw parameter.invalid(null, "must be at most " + ChallengeResponse.MAX_LENGTH + " characters");
        }
        ChallengeStatus outcome = switch (ChallengeResponse.verify(DeviceKeys.parsePublicKey(push.publicKey()), payload, signedFields)) {
            case ChallengeResponse.Approved a -> ChallengeStatus.APPROVED;
            case ChallengeResponse.Denied d -> ChallengeStatus.DENIED;
            case ChallengeResponse.Invalid invalid -> {
                log.info("rejected push response for challenge {}: {}", challenge.sid(), invalid.reason());
                throw new ApiException(ApiError.CHALLENGE_VERIFICATION_FAILED);
            }
        };
        return transactions.inTransaction(() -> {
            Challenge answered = transition(challenge, new ChallengeEvent.Answered(outcome, metadata), now);
            events.emit(outcome == ChallengeStatus.APPROVED ? ChallengeEvents.APPROVED : ChallengeEvents.DENIED, answered, now);
            return answered;
        });
    }

    /**
     * Applies {@code event} to the challenge as stored now, with one conditional write, and returns the
     * state that write left; throws the refusal otherwise. A write that finds the row changed by a
     * concurrent request decides again on a fresh read: each such loss means another request moved
     * the challenge, which happens at most {@value ChallengeStateMachine#MAX_ATTEMPTS} + 1 times.
     */
    private Challenge transition(Challenge challenge, ChallengeEvent event, Instant now) {
        for (int decision = 0; decision < MAX_DECISIONS; decision++) {
            Challenge stored = store.find(challenge.entitySid(), challenge.sid()).orElseThrow(() -> new ApiException(ApiError.NOT_FOUND));
            switch (ChallengeStateMachine.next(stored, event, now)) {
                case ChallengeStateMachine.Transition.Refused refused -> throw refused.exception();
                case ChallengeStateMachine.Transition.Next next -> {
                    if (store.apply(stored, next.challenge())) {
                        return next.challenge();
                    }
                }
            }
        }
        throw new IllegalStateException("challenge " + challenge.sid() + " changed under " + MAX_DECISIONS + " decisions in a row");
    }

    private ApiException lockedOut(Sid factorSid, Instant now) {
        Instant until = factorStore.totpGuesses(factorSid).lockedUntil().orElse(now);
        Duration wait = Duration.between(now, until);
        return new ApiException(ApiError.FACTOR_LOCKED_OUT, "Too many wrong TOTP codes in a row for factor " + factorSid
                + "; try again in " + Math.max(1, wait.plusMillis(999).toSeconds()) + " s",
                wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    private Challenge find(Entity entity, Sid challengeSid) {
        return store.find(entity.sid(), challengeSid).orElseThrow(() -> new ResourceNotFound(SidType.CHALLENGE, challengeSid.value()));
    }

    private static void requireTotpCodeShape(Input<String> parameter, String code) {
        // A code is as long as TotpParameters lets a factor's code length be.
        if (code.length() < TotpParameters.MIN_CODE_LENGTH || code.length() > TotpParameters.MAX_CODE_LENGTH) {
            throw parameter.invalid(null,
                    "a TOTP code is " + TotpParameters.MIN_CODE_LENGTH + " to " + TotpParameters.MAX_CODE_LENGTH + " characters");
        }
    }

    private static Instant expiration(Input<Instant> requested, Instant created) {
        if (requested.value().isEmpty()) {
            return created.plus(DEFAULT_TTL);
        }
        Instant expiration = requested.value().get().truncatedTo(ChronoUnit.SECONDS);
        if (!expiration.isAfter(created) || expiration.isAfter(created.plus(MAX_TTL))) {
            throw requested.invalid(expiration.toString(),
                    "must be in the future and at most " + MAX_TTL.toMinutes() + " minutes after creation");
        }
        return expiration;
    }

    private static ChallengeDetails details(Factor factor, NewChallengeRequest request, Optional<Instant> date) {
        Optional<String> message = request.detailsMessage().value();
        String messageName = request.detailsMessage().name();
        if (factor.binding() instanceof PushBinding && message.isEmpty()) {
            throw new ApiException(ApiError.INVALID_CHALLENGE_DETAILS, "Missing required parameter " + messageName + " for a push factor");
        }
        message.ifPresent(m -> {
            if (m.isBlank() || m.length() > ChallengeDetails.MAX_MESSAGE) {
                throw new ApiException(ApiError.INVALID_CHALLENGE_DETAILS,
                        "Invalid parameter " + messageName + ": must be 1 to " + ChallengeDetails.MAX_MESSAGE + " characters");
            }
        });
        List<DetailField> fields = request.detailsFields().value().orElse(List.of());
        String fieldsName = request.detailsFields().name();
        if (fields.size() > ChallengeDetails.MAX_FIELDS) {
            throw new ApiException(ApiError.INVALID_CHALLENGE_DETAILS,
                    "Invalid parameter " + fieldsName + ": at most " + ChallengeDetails.MAX_FIELDS + " fields");
        }
        for (DetailField field : fields) {
            if (field.label().isEmpty() || field.label().length() > DetailField.MAX_LABEL
                    || field.value().length() > DetailField.MAX_VALUE) {
                throw new ApiException(ApiError.INVALID_CHALLENGE_DETAILS, "Invalid parameter " + fieldsName + ": each label is 1 to "
                        + DetailField.MAX_LABEL + " characters and each value at most " + DetailField.MAX_VALUE);
            }
        }
        return new ChallengeDetails(message, fields, date);
    }
}
