package dev.assent.server.service;

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
import java.util.OptionalInt;

/** The Verify Service resource: create, fetch, list, update, delete, each scoped to one account. */
public final class VerifyServices {

    public static final int MAX_FRIENDLY_NAME = 32;
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
                PushSettings.DEFAULT, TotpSettings.DEFAULT, now, now), changes, now);
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
        String name = changes.friendlyName().value().orElse(current.friendlyName());
        if (name.isBlank() || name.length() > MAX_FRIENDLY_NAME) {
            throw changes.friendlyName().invalid(name, "must be 1 to " + MAX_FRIENDLY_NAME + " characters");
        }
        PushSettings push = new PushSettings(
                changes.pushIncludeDate().orElse(current.push().includeDate()),
                changes.pushApnCredentialSid().value().or(() -> current.push().apnCredentialSid()),
                changes.pushFcmCredentialSid().value().or(() -> current.push().fcmCredentialSid()),
                changes.pushReplaceOldestPending().orElse(current.push().replaceOldestPending()));
        changes.totpIssuer().value().ifPresent(issuer -> {
            if (issuer.isBlank() || issuer.length() > MAX_ISSUER) {
                throw changes.totpIssuer().invalid(issuer, "must be 1 to " + MAX_ISSUER + " characters");
            }
        });
        TotpSettings totp = new TotpSettings(
                changes.totpIssuer().value().or(() -> current.totp().issuer()),
                bounded(changes.totpTimeStep(), 20, 60, current.totp().timeStep()),
                bounded(changes.totpCodeLength(), 3, 8, current.totp().codeLength()),
                bounded(changes.totpSkew(), 0, 2, current.totp().skew()));
        return new VerifyService(current.sid(), current.accountSid(), name, push, totp, current.dateCreated(), now);
    }

    private static OptionalInt bounded(Input<Integer> value, int min, int max, OptionalInt current) {
        if (value.value().isEmpty()) {
            return current;
        }
        int v = value.value().get();
        if (v < min || v > max) {
            throw value.invalid(Integer.toString(v), "must be between " + min + " and " + max);
        }
        return OptionalInt.of(v);
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

    static ApiException notFound(Sid serviceSid) {
        return new ResourceNotFound(SidType.SERVICE, serviceSid.value());
    }
}
