package dev.assent.server.totp;

import java.util.Objects;

/**
 * Base32 with the <a href="https://www.rfc-editor.org/rfc/rfc4648#section-6">RFC 4648 §6</a>
 * alphabet ({@code A–Z}, {@code 2–7}), the encoding authenticator apps expect for TOTP secrets.
 *
 * <p>{@link #encode} writes uppercase without padding, as the otpauth key URI format asks.
 * {@link #decode} is strict so that each byte string has exactly one accepted spelling apart from
 * letter case and padding: it accepts either case and, optionally, the complete RFC padding
 * ({@code =} up to a multiple of 8 characters), and it rejects whitespace, other characters,
 * lengths no encoder produces (1, 3 or 6 characters past a multiple of 8) and non-zero unused
 * bits in the last character. Errors never quote the input, which is usually a secret.
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {}

    /** Encodes {@code bytes} as uppercase Base32 without padding. */
    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET[(buffer >>> bits) & 0x1F]);
            }
        }
        if (bits > 0) {
            // Left-align the leftover bits in a final character, padding with zero bits.
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
        }
        return out.toString();
    }

    /**
     * Decodes Base32 text in either case, with or without padding.
     *
     * @throws IllegalArgumentException if the text is not canonical Base32 (see the class comment)
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        int length = text.length();
        while (length > 0 && text.charAt(length - 1) == '=') {
            length--;
        }
        int padding = text.length() - length;
        int tail = length % 8;
        if (tail == 1 || tail == 3 || tail == 6) {
            throw new IllegalArgumentException("invalid Base32 length");
        }
        // Padding, when present, must complete the last 8-character block: never a full block of '='.
        if (padding > 0 && (text.length() % 8 != 0 || padding >= 8)) {
            throw new IllegalArgumentException("invalid Base32 padding");
        }
        byte[] out = new byte[length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int next = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 5) | valueOf(text.charAt(i), i);
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[next++] = (byte) (buffer >>> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("invalid Base32: non-zero unused bits at the end");
        }
        return out;
    }

    private static int valueOf(char c, int index) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        // Only the position: the character itself would leak part of the secret into logs.
        throw new IllegalArgumentException("invalid Base32 character at index " + index);
    }
}
