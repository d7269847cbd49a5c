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
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw new ApiException(ApiError.INVALID_PARAMETER, "Too many parameters (at most " + MAX_PARAMETERS + ")");
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.add(name, value);
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
