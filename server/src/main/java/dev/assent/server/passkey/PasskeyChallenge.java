package dev.assent.server.passkey;

import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.service.PasskeySettings;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A passkeys login challenge: the WebAuthn challenge a browser signs over, and what it is for. A
 * discoverable one names no entity until it is approved; one for an identity names its entity, and
 * may name the one factor allowed. Approval fills in the entity, identity and factor that answered.
 *
 * <p>Stored status is {@code PENDING} or {@code APPROVED}; a pending one past its deadline reads as
 * {@code EXPIRED} ({@link #at}), as ordinary challenges do.
 */
public record PasskeyChallenge(
        Sid sid,
        Sid accountSid,
        Sid serviceSid,
        Optional<Sid> entitySid,
        Optional<String> identity,
        Optional<Sid> factorSid,
        String challenge,
        String rpId,
        PasskeySettings.Requirement userVerification,
        ChallengeStatus status,
        Instant expirationDate,
        Optional<Instant> dateResponded,
        Instant dateCreated,
        Instant dateUpdated) {

    public PasskeyChallenge {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(entitySid);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(factorSid);
        Objects.requireNonNull(challenge);
        Objects.requireNonNull(rpId);
        Objects.requireNonNull(userVerification);
        Objects.requireNonNull(status);
        Objects.requireNonNull(expirationDate);
        Objects.requireNonNull(dateResponded);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }

    public boolean isDiscoverable() {
        return entitySid.isEmpty();
    }

    public boolean isDue(Instant now) {
        return !now.isBefore(expirationDate);
    }

    /** This challenge as it reads at {@code now}: a pending one past its deadline reads as expired. */
    public PasskeyChallenge at(Instant now) {
        if (status == ChallengeStatus.PENDING && isDue(now)) {
            return new PasskeyChallenge(sid, accountSid, serviceSid, entitySid, identity, factorSid, challenge, rpId, userVerification,
                    ChallengeStatus.EXPIRED, expirationDate, dateResponded, dateCreated, expirationDate);
        }
        return this;
    }
}
