package dev.assent.server.service;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.Transactions;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** The Verify Service resource: create, fetch, list, update, delete, each scoped to one account. */
public final class VerifyServices {

    public static final int MAX_FRIENDLY_NAME = 32;
    public static final int MAX_ISSUER = 255;

    private final ServiceStore store;
    private final Transactions transactions;
    private final CredentialCheck credentials;

    /** Whether a credential SID names one of the account's credentials of a platform ("apn" or "fcm"). */
    @FunctionalInterface
    public interface CredentialCheck {
        boolean isOfPlatform(Sid accountSid, String credentialSid, String platform);
    }

    public VerifyServices(ServiceStore store, Transactions transactions, CredentialCheck credentials) {
        this.store = store;
        this.transactions = transactions;
        this.credentials = credentials;
    }

    public VerifyService create(Sid accountSid, ServiceChanges changes, Instant now) {
        String name = changes.friendlyName().orElseThrow(() -> ApiException.missingParameter("FriendlyName"));
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
        String name = changes.friendlyName().orElse(current.friendlyName());
        if (name.isBlank() || name.length() > MAX_FRIENDLY_NAME) {
            throw ApiException.invalidParameter("FriendlyName", name, "must be 1 to " + MAX_FRIENDLY_NAME + " characters");
        }
        changes.pushApnCredentialSid().ifPresent(sid -> requireCredentialSid("Push.ApnCredentialSid", sid));
        changes.pushFcmCredentialSid().ifPresent(sid -> requireCredentialSid("Push.FcmCredentialSid", sid));
        PushSettings push = new PushSettings(
                changes.pushIncludeDate().orElse(current.push().includeDate()),
                changes.pushApnCredentialSid().or(() -> current.push().apnCredentialSid()),
                changes.pushFcmCredentialSid().or(() -> current.push().fcmCredentialSid()),
                changes.pushReplaceOldestPending().orElse(current.push().replaceOldestPending()));
        changes.totpIssuer().ifPresent(issuer -> {
            if (issuer.isBlank() || issuer.length() > MAX_ISSUER) {
                throw ApiException.invalidParameter("Totp.Issuer", issuer, "must be 1 to " + MAX_ISSUER + " characters");
            }
        });
        TotpSettings totp = new TotpSettings(
                changes.totpIssuer().or(() -> current.totp().issuer()),
                bounded("Totp.TimeStep", changes.totpTimeStep(), 20, 60, current.totp().timeStep()),
                bounded("Totp.CodeLength", changes.totpCodeLength(), 3, 8, current.totp().codeLength()),
                bounded("Totp.Skew", changes.totpSkew(), 0, 2, current.totp().skew()));
        return new VerifyService(current.sid(), current.accountSid(), name, push, totp, current.dateCreated(), now);
    }

    private static OptionalInt bounded(String parameter, Optional<Integer> value, int min, int max, OptionalInt current) {
        if (value.isEmpty()) {
            return current;
        }
        int v = value.get();
        if (v < min || v > max) {
            throw ApiException.invalidParameter(parameter, Integer.toString(v), "must be between " + min + " and " + max);
        }
        return OptionalInt.of(v);
    }

    private void requireCredentials(Sid accountSid, ServiceChanges changes) {
        changes.pushApnCredentialSid().filter(sid -> !credentials.isOfPlatform(accountSid, sid, "apn")).ifPresent(sid -> {
            throw ApiException.invalidParameter("Push.ApnCredentialSid", sid, "must name one of the account's apn credentials");
        });
        changes.pushFcmCredentialSid().filter(sid -> !credentials.isOfPlatform(accountSid, sid, "fcm")).ifPresent(sid -> {
            throw ApiException.invalidParameter("Push.FcmCredentialSid", sid, "must name one of the account's fcm credentials");
        });
    }

    private static void requireCredentialSid(String parameter, String value) {
        if (!Sid.matches(SidType.CREDENTIAL, value)) {
            throw ApiException.invalidParameter(parameter, value, "must be a CR SID");
        }
    }

    static ApiException notFound(Sid serviceSid) {
        return new ApiException(ApiError.NOT_FOUND, "The requested resource /Services/" + serviceSid + " was not found");
    }
}
