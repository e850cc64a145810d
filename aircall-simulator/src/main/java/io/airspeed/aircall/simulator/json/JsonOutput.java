package io.airspeed.aircall.simulator.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer with just the JSON primitives the API pages need. Pages are written
 * straight into it, with no object tree and no per-field allocation; one instance is reused per thread.
 */
public final class JsonOutput {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<JsonOutput> PER_THREAD = ThreadLocal.withInitial(() -> new JsonOutput(64 * 1024));

    private byte[] buf;
    private int len;

    public JsonOutput(int initialCapacity) {
        this.buf = new byte[initialCapacity];
    }

    /** This thread's buffer, emptied. The previous content must no longer be in use. */
    public static JsonOutput forThisThread() {
        JsonOutput out = PER_THREAD.get();
        out.len = 0;
        return out;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public JsonOutput raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    /** Appends text known to be ASCII (field names, literals, URLs we build). */
    @SuppressWarnings("deprecation")
    public JsonOutput ascii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, len);
        len += n;
        return this;
    }

    public JsonOutput ch(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    public JsonOutput number(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii(Long.toString(v));
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        if (v == 0) {
            buf[len++] = '0';
            return this;
        }
        int start = len;
        while (v > 0) {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    public JsonOutput numberOrNull(Long v) {
        return v == null ? nul() : number(v);
    }

    public JsonOutput bool(boolean v) {
        return ascii(v ? "true" : "false");
    }

    public JsonOutput nul() {
        return ascii("null");
    }

    public JsonOutput stringOrNull(String s) {
        return s == null ? nul() : string(s);
    }

    /** A quoted, escaped JSON string. */
    public JsonOutput string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                buf[len++] = (byte) c;
            } else if (c == '"' || c == '\\') {
                ensure(2);
                buf[len++] = '\\';
                buf[len++] = (byte) c;
            } else if (c < 0x20) {
                ensure(6);
                buf[len++] = '\\';
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xF];
            } else {
                int end = i + 1;
                while (end < n && s.charAt(end) >= 0x80) {
                    end++;
                }
                raw(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        ensure(1);
        buf[len++] = '"';
        return this;
    }

    /** Keeps the first {@code length} bytes: used to serve deliberately truncated JSON. */
    public void truncate(int length) {
        len = Math.max(0, Math.min(len, length));
    }
}
