package dev.assent.server.service;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.Transactions;
import dev.assent.server.credential.CredentialType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The Verify Service resource: create, fetch, list, update, delete, each scoped to one account. */
public final class VerifyServices {

    /** The longest {@code FriendlyName} (Twilio's limit); the edge checks it. */
    public static final int MAX_FRIENDLY_NAME = 32;
    /** The longest TOTP issuer; the edge checks it. */
    public static final int MAX_ISSUER = 255;

    private final ServiceStore store;
    private final Transactions transactions;
    private final CredentialCheck credentials;

    /** Whether a credential SID names one of the account's credentials of a type. */
    @FunctionalInterface
    public interface CredentialCheck {
        boolean isOfType(Sid accountSid, Sid credentialSid, CredentialType type);
    }

    public VerifyServices(ServiceStore store, Transactions transactions, CredentialCheck credentials) {
        this.store = store;
        this.transactions = transactions;
        this.credentials = credentials;
    }

    public VerifyService create(Sid accountSid, ServiceChanges changes, Instant now) {
        String name = changes.friendlyName().required();
        VerifyService service = apply(new VerifyService(Sid.generate(SidType.SERVICE), accountSid, name,
                PushSettings.DEFAULT, TotpSettings.DEFAULT, PasskeySettings.DEFAULT, now, now), changes, now);
        requireCredentials(accountSid, changes);
        transactions.run(() -> store.insert(service));
        return service;
    }

    public VerifyService fetch(Sid accountSid, Sid serviceSid) {
        return store.find(accountSid, serviceSid).orElseThrow(() -> notFound(serviceSid));
    }

    public Page<VerifyService> list(Sid accountSid, PageRequest page) {
        return store.list(accountSid, page);
    }

    public VerifyService update(Sid accountSid, Sid serviceSid, ServiceChanges changes, Instant now) {
        return transactions.inTransaction(() -> {
            VerifyService updated = apply(fetch(accountSid, serviceSid), changes, now);
            requireCredentials(accountSid, changes);
            if (!store.update(updated)) {
                throw notFound(serviceSid);
            }
            return updated;
        });
    }

    public void delete(Sid accountSid, Sid serviceSid) {
        boolean deleted = transactions.inTransaction(() -> store.delete(accountSid, serviceSid));
        if (!deleted) {
            throw notFound(serviceSid);
        }
    }

    private static VerifyService apply(VerifyService current, ServiceChanges changes, Instant now) {
        PushSettings push = new PushSettings(
                changes.pushIncludeDate().orElse(current.push().includeDate()),
                changes.pushApnCredentialSid().value().or(() -> current.push().apnCredentialSid()),
                changes.pushFcmCredentialSid().value().or(() -> current.push().fcmCredentialSid()),
                changes.pushReplaceOldestPending().orElse(current.push().replaceOldestPending()));
        TotpSettings totp = new TotpSettings(
                changes.totpIssuer().or(() -> current.totp().issuer()),
                or(changes.totpTimeStep(), current.totp().timeStep()),
                or(changes.totpCodeLength(), current.totp().codeLength()),
                or(changes.totpSkew(), current.totp().skew()));
        return new VerifyService(current.sid(), current.accountSid(), changes.friendlyName().value().orElse(current.friendlyName()),
                push, totp, passkeys(current.passkeys(), changes.passkeys()), current.dateCreated(), now);
    }

    /**
     * The passkeys settings after {@code changes}: the relying party id a domain (60372), the origins
     * exact and under that id (60371), checked again whenever either changes.
     */
    private static PasskeySettings passkeys(PasskeySettings current, ServiceChanges.Passkeys changes) {
        Optional<String> rpId = changes.rpId().value().map(PasskeySettings::requireRpId).or(current::rpId);
        List<String> origins = changes.origins().value().orElse(current.origins());
        if (!origins.isEmpty()) {
            if (rpId.isEmpty()) {
                throw new ApiException(ApiError.PASSKEY_RELYING_PARTY_INVALID,
                        "Relying party origins need a relying party id (" + changes.rpId().name() + ")");
            }
            origins = PasskeySettings.requireOrigins(origins, rpId.get());
        }
        return new PasskeySettings(rpId, changes.rpName().or(current::rpName), origins,
                changes.authenticatorAttachment().or(current::authenticatorAttachment),
                changes.discoverableCredentials().or(current::discoverableCredentials),
                changes.userVerification().or(current::userVerification));
    }

    private static OptionalInt or(OptionalInt value, OptionalInt current) {
        return value.isPresent() ? value : current;
    }

    private void requireCredentials(Sid accountSid, ServiceChanges changes) {
        requireCredential(accountSid, changes.pushApnCredentialSid(), CredentialType.APN);
        requireCredential(accountSid, changes.pushFcmCredentialSid(), CredentialType.FCM);
    }

    private void requireCredential(Sid accountSid, Input<Sid> credentialSid, CredentialType type) {
        credentialSid.value().filter(sid -> !credentials.isOfType(accountSid, sid, type)).ifPresent(sid -> {
            throw credentialSid.invalid(sid.value(), "must name one of the account's " + type.wireName() + " credentials");
        });
    }

    public static ApiException notFound(Sid serviceSid) {
        return new ResourceNotFound(SidType.SERVICE, serviceSid.value());
    }
}
