package dev.assent.server.http;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses {@code application/x-www-form-urlencoded} text strictly: pairs split on {@code &}, each on
 * its first {@code =} (so the raw {@code =} and {@code /} of base64 values that iOS leaves unescaped
 * survive), {@code +} is a space, a bad percent escape or bytes that are not UTF-8 are a 400.
 *
 * <p>The iOS SDK also leaves {@code &} raw inside values (docs/push-protocol.md §1), so
 * {@code FriendlyName=Tom&Jerry&FactorType=push} arrives for the name {@code Tom&Jerry}. A fragment
 * without {@code =} cannot be a parameter of ours, so it continues the previous value, {@code &}
 * included: that decodes such values as meant whenever the text after the raw {@code &} has no
 * {@code =}. Only a fragment before any pair stands alone, as a name with an empty value.
 */
final class FormParser {

    static final int MAX_PARAMETERS = 256;

    private FormParser() {
    }

    static Params parse(String raw) {
        Params params = new Params();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        int count = 0;
        String name = null;
        StringBuilder value = null;
        int skippedAmpersands = 0;
        for (String fragment : raw.split("&", -1)) {
            if (fragment.isEmpty()) {
                // "a=1&&b=2" and a trailing "&" add nothing, but inside a continued value they were "&"s.
                skippedAmpersands++;
                continue;
            }
            int eq = fragment.indexOf('=');
            if (eq < 0 && name != null) {
                value.append("&".repeat(skippedAmpersands + 1)).append(fragment);
                skippedAmpersands = 0;
                continue;
            }
            skippedAmpersands = 0;
            if (name != null) {
                params.add(decode(name), decode(value.toString()));
            }
            if (++count > MAX_PARAMETERS) {
                throw new ApiException(ApiError.INVALID_PARAMETER, "Too many parameters (at most " + MAX_PARAMETERS + ")");
            }
            if (eq < 0) {
                params.add(decode(fragment), "");
                continue;
            }
            name = fragment.substring(0, eq);
            value = new StringBuilder(fragment.substring(eq + 1));
        }
        if (name != null) {
            params.add(decode(name), decode(value.toString()));
        }
        return params;
    }

    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw malformed();
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x100) {
                // Bodies are read as ISO-8859-1, one char per byte; the UTF-8 check below sees the bytes.
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "Request parameters must be UTF-8");
        }
    }

    private static ApiException malformed() {
        return new ApiException(ApiError.INVALID_PARAMETER, "Malformed percent-encoding in request parameters");
    }
}
