package dev.assent.server.storage;

/**
 * Every column that holds a secret, sealed by {@link dev.assent.server.secrets.SecretSealer}. The
 * associated data of a value is {@code table.column:rowId}, so a value copied into another row (or
 * another column) does not open. {@link SealedSecrets} seals old plaintext rows, re-seals under a new
 * key and counts by key over exactly these columns: a new secret column is sealed by adding it here
 * and sealing/opening it in its store with {@link #associatedData}.
 */
public enum SealedColumn {
    ACCOUNT_AUTH_TOKEN("accounts", "sid", "auth_token"),
    ACCOUNT_SECONDARY_AUTH_TOKEN("accounts", "sid", "secondary_auth_token"),
    FACTOR_TOTP_SECRET("factors", "sid", "totp_secret"),
    CREDENTIAL_SECRET("credentials", "sid", "secret"),
    SIGNING_KEY_SECRET("signing_keys", "name", "secret"),
    ACCESS_TOKEN("access_tokens", "sid", "token");

    private final String table;
    private final String idColumn;
    private final String column;

    SealedColumn(String table, String idColumn, String column) {
        this.table = table;
        this.idColumn = idColumn;
        this.column = column;
    }

    String table() {
        return table;
    }

    String idColumn() {
        return idColumn;
    }

    String column() {
        return column;
    }

    /** What this column's value in the row {@code rowId} (its SID, or a signing key's name) is bound to. */
    public String associatedData(String rowId) {
        return table + "." + column + ":" + rowId;
    }

    /** {@code table.column}, for status output and messages. */
    public String label() {
        return table + "." + column;
    }
}
