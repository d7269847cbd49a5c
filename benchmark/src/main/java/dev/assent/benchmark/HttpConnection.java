package dev.assent.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 keep-alive connection to the server on the loopback interface, with blocking socket I/O and
 * the least parsing the benchmark needs: the status line, {@code Content-Length} (or a chunked body),
 * {@code Connection: close}, and the one response header the device reads ({@code Twilio-Verify-Signature-Fields}).
 * The body is skipped unless asked for. A request is written with one {@code write} from bytes encoded before
 * (a constant request is encoded once per phase, a device request is a constant prefix, a pre-signed
 * {@code Authorization} value and a constant suffix).
 *
 * <p>Not thread-safe: one request at a time, as HTTP/1.1 without pipelining does. Every read is bounded by
 * the socket timeout, every response by {@link #MAX_HEADER_BYTES} and {@link #MAX_BODY_BYTES}.
 */
final class HttpConnection implements AutoCloseable {

    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final byte[] SIGNATURE_FIELDS = "twilio-verify-signature-fields".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buffer = new byte[8 * 1024];
    /** Bytes of {@link #buffer} from {@link #position} to {@link #limit} are read but not yet consumed. */
    private int position;
    private int limit;
    private byte[] outgoing = new byte[2 * 1024];
    private boolean open = true;
    private long idleSince = System.nanoTime();

    /** A response: the status, the body if it was asked for (else null), the signature-fields header if present. */
    record Response(int status, byte[] body, String signatureFields) {
        String bodyText() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    HttpConnection(InetSocketAddress address, int readTimeoutMillis) throws IOException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the benchmark only connects to the loopback interface, not " + address);
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout(readTimeoutMillis);
            this.socket = s;
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    boolean isOpen() {
        return open;
    }

    /** Nanoseconds ({@link System#nanoTime()}) since the last response was read in full. */
    long idleNanos(long now) {
        return now - idleSince;
    }

    /**
     * Sends the request made of {@code parts} (written as one) and reads the response.
     *
     * @param keepBody whether to return the body; otherwise it is read and dropped
     */
    Response exchange(boolean keepBody, byte[]... parts) throws IOException {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        if (outgoing.length < length) {
            outgoing = new byte[Math.max(length, outgoing.length * 2)];
        }
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, outgoing, at, part.length);
            at += part.length;
        }
        try {
            out.write(outgoing, 0, length);
            out.flush();
            Response response = read(keepBody);
            idleSince = System.nanoTime();
            return response;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response read(boolean keepBody) throws IOException {
        int headerEnd = headerEnd();
        // "HTTP/1.1 200 OK"
        if (headerEnd - position < 12 || buffer[position + 8] != ' ' || !startsWithIgnoringCase(position, "HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + printable(position, Math.min(headerEnd, position + 40)));
        }
        int status = digit(position + 9) * 100 + digit(position + 10) * 10 + digit(position + 11);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = buffer[position + 7] == '0'; // HTTP/1.0 closes unless told otherwise
        String signatureFields = null;
        int line = nextLine(position, headerEnd);
        while (line < headerEnd - 2) {
            int end = nextLine(line, headerEnd);
            int colon = indexOf(line, end, (byte) ':');
            if (colon > 0) {
                int valueStart = colon + 1;
                while (valueStart < end && (buffer[valueStart] == ' ' || buffer[valueStart] == '\t')) {
                    valueStart++;
                }
                int valueEnd = end - 2;
                while (valueEnd > valueStart && (buffer[valueEnd - 1] == ' ' || buffer[valueEnd - 1] == '\t')) {
                    valueEnd--;
                }
                if (nameIs(line, colon, CONTENT_LENGTH)) {
                    contentLength = parseLength(valueStart, valueEnd);
                } else if (nameIs(line, colon, TRANSFER_ENCODING)) {
                    chunked = printable(valueStart, valueEnd).toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (nameIs(line, colon, CONNECTION)) {
                    close = printable(valueStart, valueEnd).equalsIgnoreCase("close");
                } else if (nameIs(line, colon, SIGNATURE_FIELDS)) {
                    signatureFields = new String(buffer, valueStart, valueEnd - valueStart, StandardCharsets.US_ASCII);
                }
            }
            line = end;
        }
        position = headerEnd;
        byte[] body;
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = keepBody ? new byte[0] : null;
        } else if (chunked) {
            body = readChunked(keepBody);
        } else if (contentLength >= 0) {
            body = readBody((int) contentLength, keepBody);
        } else {
            throw new IOException("response without Content-Length or chunked encoding (status " + status + ")");
        }
        if (close) {
            close();
        }
        return new Response(status, body, signatureFields);
    }

    /** Reads until the blank line after the headers; returns the index just past it. */
    private int headerEnd() throws IOException {
        while (true) {
            // Rescans from the start after each read: headers are a few hundred bytes, and fill() may move them.
            for (int i = position + 3; i < limit; i++) {
                if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                    return i + 1;
                }
            }
            if (limit - position >= MAX_HEADER_BYTES) {
                throw new IOException("response headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            fill();
        }
    }

    /** Reads more bytes into the buffer, compacting or growing it first; EOF is an error (the request is unanswered). */
    private void fill() throws IOException {
        if (position > 0 && position == limit) {
            position = 0;
            limit = 0;
        } else if (limit == buffer.length) {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            } else {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            throw new EOFException("the server closed the connection before the response was complete");
        }
        limit += read;
    }

    private byte[] readBody(int length, boolean keep) throws IOException {
        if (length > MAX_BODY_BYTES) {
            throw new IOException("response body of " + length + " bytes is over the limit " + MAX_BODY_BYTES);
        }
        byte[] body = keep ? new byte[length] : null;
        int done = 0;
        while (done < length) {
            if (position == limit) {
                fill();
            }
            int n = Math.min(length - done, limit - position);
            if (keep) {
                System.arraycopy(buffer, position, body, done, n);
            }
            position += n;
            done += n;
        }
        return body;
    }

    private byte[] readChunked(boolean keep) throws IOException {
        java.io.ByteArrayOutputStream body = keep ? new java.io.ByteArrayOutputStream() : null;
        long total = 0;
        while (true) {
            int end = lineEnd();
            int sizeEnd = indexOf(position, end, (byte) ';');
            int size = (int) parseHex(position, sizeEnd < 0 ? end - 2 : sizeEnd);
            position = end;
            total += size;
            if (total > MAX_BODY_BYTES) {
                throw new IOException("chunked response body over the limit " + MAX_BODY_BYTES);
            }
            if (size == 0) {
                // trailers, then the blank line
                while (true) {
                    int trailerEnd = lineEnd();
                    boolean blank = trailerEnd - position == 2;
                    position = trailerEnd;
                    if (blank) {
                        return keep ? body.toByteArray() : null;
                    }
                }
            }
            byte[] chunk = readBody(size, keep);
            if (keep) {
                body.write(chunk);
            }
            int crlf = lineEnd();
            if (crlf - position != 2) {
                throw new IOException("chunk not followed by CRLF");
            }
            position = crlf;
        }
    }

    /** Index just past the next CRLF from {@link #position}, reading as needed. */
    private int lineEnd() throws IOException {
        while (true) {
            for (int i = position + 1; i < limit; i++) {
                if (buffer[i] == '\n' && buffer[i - 1] == '\r') {
                    return i + 1;
                }
            }
            if (limit - position >= MAX_HEADER_BYTES) {
                throw new IOException("line longer than " + MAX_HEADER_BYTES + " bytes in a chunked body");
            }
            fill();
        }
    }

    private int nextLine(int from, int bound) {
        for (int i = from + 1; i < bound; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r') {
                return i + 1;
            }
        }
        return bound;
    }

    private int indexOf(int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(int from, int colon, byte[] lowerName) {
        if (colon - from != lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if ((buffer[from + i] | 0x20) != lowerName[i] && buffer[from + i] != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoringCase(int from, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toUpperCase(buffer[from + i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int digit(int at) throws IOException {
        int d = buffer[at] - '0';
        if (d < 0 || d > 9) {
            throw new IOException("bad status code in " + printable(position, position + 12));
        }
        return d;
    }

    private long parseLength(int from, int to) throws IOException {
        if (from == to || to - from > 10) {
            throw new IOException("bad Content-Length: " + printable(from, to));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = buffer[i] - '0';
            if (d < 0 || d > 9) {
                throw new IOException("bad Content-Length: " + printable(from, to));
            }
            value = value * 10 + d;
        }
        return value;
    }

    private long parseHex(int from, int to) throws IOException {
        while (to > from && buffer[to - 1] == ' ') {
            to--;
        }
        if (from == to || to - from > 7) {
            throw new IOException("bad chunk size: " + printable(from, to));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(buffer[i], 16);
            if (d < 0) {
                throw new IOException("bad chunk size: " + printable(from, to));
            }
            value = value * 16 + d;
        }
        return value;
    }

    private String printable(int from, int to) {
        return new String(buffer, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing a loopback socket: nothing to do about it
        }
    }
}
