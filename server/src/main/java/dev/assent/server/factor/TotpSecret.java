package dev.assent.server.factor;

import dev.assent.server.totp.Base32;
import java.util.Objects;

/** A TOTP seed, kept as its Base32 text; {@code toString} is redacted so it never reaches a log. */
public final class TotpSecret {

    private final String base32;

    public TotpSecret(String base32) {
        this.base32 = Objects.requireNonNull(base32);
    }

    public static TotpSecret of(byte[] seed) {
        return new TotpSecret(Base32.encode(seed));
    }

    public String base32() {
        return base32;
    }

    public byte[] bytes() {
        return Base32.decode(base32);
    }

    @Override
    public String toString() {
        return "TotpSecret[redacted]";
    }
}
