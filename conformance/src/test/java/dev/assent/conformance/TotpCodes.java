package dev.assent.conformance;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP codes for an authenticator app's seed, computed independently of the server.
 *
 * @param secret the raw seed bytes
 * @param timeStepSeconds the time step (Twilio default 30)
 * @param digits the code length (Twilio default 6)
 * @param macAlgorithm {@code HmacSHA1} (Twilio default), {@code HmacSHA256} or {@code HmacSHA512}
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238">RFC 6238</a>
 */
record TotpCodes(byte[] secret, int timeStepSeconds, int digits, String macAlgorithm) {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    TotpCodes {
        secret = secret.clone();
    }

    /** Twilio's defaults: HMAC-SHA1, 30 s, 6 digits, for a Base32 seed as in {@code binding.secret}. */
    static TotpCodes forBase32Secret(String base32) {
        return new TotpCodes(base32Decode(base32), 30, 6, "HmacSHA1");
    }

    long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), timeStepSeconds);
    }

    String codeAt(Instant time) {
        return codeForStep(step(time));
    }

    /** RFC 4226 HOTP over the step counter, dynamic truncation, zero-padded to {@code digits}. */
    String codeForStep(long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret, macAlgorithm));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new AssertionError("JDK lacks " + macAlgorithm, e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = (int) Math.pow(10, digits);
        return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
    }

    /** Seconds left in the step that contains {@code time}. */
    long secondsLeftInStep(Instant time) {
        return timeStepSeconds - Math.floorMod(time.getEpochSecond(), timeStepSeconds);
    }

    /** RFC 4648 Base32, case-insensitive, padding and spaces ignored. */
    static byte[] base32Decode(String text) {
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32: '" + c + "' in " + text);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
