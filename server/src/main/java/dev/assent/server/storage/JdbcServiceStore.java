package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.service.PasskeySettings;
import dev.assent.server.service.PushSettings;
import dev.assent.server.service.ServiceStore;
import dev.assent.server.service.TotpSettings;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** Verify Services in SQL. */
public final class JdbcServiceStore implements ServiceStore {

    /** Every column, in the order the mappers of joined reads select them ({@link Columns#aliased}). */
    static final String COLUMNS = "sid, account_sid, friendly_name, push_include_date, push_apn_credential_sid, "
            + "push_fcm_credential_sid, push_replace_oldest_pending, totp_issuer, totp_time_step, totp_code_length, totp_skew, passkeys_rp_id, passkeys_rp_name, "
            + "passkeys_origins, passkeys_authenticator_attachment, passkeys_discoverable_credentials, passkeys_user_verification, "
            + "created_at, updated_at";
    /** Where each of {@link #COLUMNS} is in a row that selects them from {@code o + 1} on. */
    static final Columns.Positions C = Columns.positions(COLUMNS);

    private final Jdbi jdbi;

    public JdbcServiceStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(VerifyService service) {
        jdbi.useHandle(h -> bindSettings(h.createUpdate("INSERT INTO services (" + COLUMNS + ") VALUES (:sid, :account_sid, "
                + ":friendly_name, :push_include_date, :push_apn_credential_sid, :push_fcm_credential_sid, "
                + ":push_replace_oldest_pending, :totp_issuer, :totp_time_step, :totp_code_length, :totp_skew, :passkeys_rp_id, "
                + ":passkeys_rp_name, :passkeys_origins, :passkeys_authenticator_attachment, :passkeys_discoverable_credentials, "
                + ":passkeys_user_verification, :created_at, :updated_at)"), service)
                .bind("account_sid", service.accountSid().value())
                .bind("created_at", service.dateCreated().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<VerifyService> find(Sid accountSid, Sid serviceSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM services WHERE sid = :sid AND account_sid = :account")
                .bind("sid", serviceSid.value())
                .bind("account", accountSid.value())
                .map((rs, ctx) -> map(rs, 0))
                .findOne());
    }

    @Override
    public Page<VerifyService> list(Sid accountSid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM services WHERE account_sid = :account",
                Map.of("account", accountSid.value()), page, (rs, ctx) -> map(rs, 0)));
    }

    @Override
    public boolean update(VerifyService service) {
        return jdbi.withHandle(h -> bindSettings(h.createUpdate("UPDATE services SET friendly_name = :friendly_name, "
                + "push_include_date = :push_include_date, push_apn_credential_sid = :push_apn_credential_sid, "
                + "push_fcm_credential_sid = :push_fcm_credential_sid, "
                + "push_replace_oldest_pending = :push_replace_oldest_pending, totp_issuer = :totp_issuer, "
                + "totp_time_step = :totp_time_step, totp_code_length = :totp_code_length, totp_skew = :totp_skew, "
                + "passkeys_rp_id = :passkeys_rp_id, passkeys_rp_name = :passkeys_rp_name, passkeys_origins = :passkeys_origins, "
                + "passkeys_authenticator_attachment = :passkeys_authenticator_attachment, "
                + "passkeys_discoverable_credentials = :passkeys_discoverable_credentials, "
                + "passkeys_user_verification = :passkeys_user_verification, "
                + "updated_at = :updated_at WHERE sid = :sid AND account_sid = :account"), service)
                .bind("account", service.accountSid().value())
                .execute()) == 1;
    }

    @Override
    public boolean delete(Sid accountSid, Sid serviceSid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM services WHERE sid = :sid AND account_sid = :account")
                .bind("sid", serviceSid.value())
                .bind("account", accountSid.value())
                .execute()) == 1;
    }

    private static <S extends SqlStatement<S>> S bindSettings(S statement, VerifyService service) {
        return statement.bind("sid", service.sid().value())
                .bind("friendly_name", service.friendlyName())
                .bind("push_include_date", service.push().includeDate() ? 1 : 0)
                .bind("push_apn_credential_sid", service.push().apnCredentialSid().map(Sid::value).orElse(null))
                .bind("push_fcm_credential_sid", service.push().fcmCredentialSid().map(Sid::value).orElse(null))
                .bind("push_replace_oldest_pending", service.push().replaceOldestPending() ? 1 : 0)
                .bind("totp_issuer", service.totp().issuer().orElse(null))
                .bind("totp_time_step", boxed(service.totp().timeStep()))
                .bind("totp_code_length", boxed(service.totp().codeLength()))
                .bind("totp_skew", boxed(service.totp().skew()))
                .bind("passkeys_rp_id", service.passkeys().rpId().orElse(null))
                .bind("passkeys_rp_name", service.passkeys().rpName().orElse(null))
                .bind("passkeys_origins", service.passkeys().origins().isEmpty() ? null : String.join(",", service.passkeys().origins()))
                .bind("passkeys_authenticator_attachment",
                        service.passkeys().authenticatorAttachment().map(PasskeySettings.Attachment::wireName).orElse(null))
                .bind("passkeys_discoverable_credentials",
                        service.passkeys().discoverableCredentials().map(PasskeySettings.Requirement::wireName).orElse(null))
                .bind("passkeys_user_verification",
                        service.passkeys().userVerification().map(PasskeySettings.Requirement::wireName).orElse(null))
                .bind("updated_at", service.dateUpdated().toEpochMilli());
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static PasskeySettings passkeys(ResultSet rs, int o) throws SQLException {
        String origins = rs.getString(o + C.of("passkeys_origins"));
        return new PasskeySettings(Optional.ofNullable(rs.getString(o + C.of("passkeys_rp_id"))), Optional.ofNullable(rs.getString(o + C.of("passkeys_rp_name"))),
                origins == null ? List.of() : List.of(origins.split(",")),
                Optional.ofNullable(rs.getString(o + C.of("passkeys_authenticator_attachment"))).flatMap(PasskeySettings.Attachment::fromWire),
                Optional.ofNullable(rs.getString(o + C.of("passkeys_discoverable_credentials"))).flatMap(PasskeySettings.Requirement::fromWire),
                Optional.ofNullable(rs.getString(o + C.of("passkeys_user_verification"))).flatMap(PasskeySettings.Requirement::fromWire));
    }

    /** The service in the row's columns {@code o + 1} on, as {@link #COLUMNS} lists them ({@code 0} for a plain read). */
    static VerifyService map(ResultSet rs, int o) throws SQLException {
        return new VerifyService(
                new Sid(SidType.SERVICE, rs.getString(o + C.of("sid"))),
                new Sid(SidType.ACCOUNT, rs.getString(o + C.of("account_sid"))),
                rs.getString(o + C.of("friendly_name")),
                new PushSettings(rs.getInt(o + C.of("push_include_date")) != 0,
                        Optional.ofNullable(rs.getString(o + C.of("push_apn_credential_sid"))).map(v -> new Sid(SidType.CREDENTIAL, v)),
                        Optional.ofNullable(rs.getString(o + C.of("push_fcm_credential_sid"))).map(v -> new Sid(SidType.CREDENTIAL, v)),
                        rs.getInt(o + C.of("push_replace_oldest_pending")) != 0),
                new TotpSettings(Optional.ofNullable(rs.getString(o + C.of("totp_issuer"))), optionalInt(rs, o + C.of("totp_time_step")),
                        optionalInt(rs, o + C.of("totp_code_length")), optionalInt(rs, o + C.of("totp_skew"))),
                passkeys(rs, o),
                Instant.ofEpochMilli(rs.getLong(o + C.of("created_at"))),
                Instant.ofEpochMilli(rs.getLong(o + C.of("updated_at"))));
    }
}
