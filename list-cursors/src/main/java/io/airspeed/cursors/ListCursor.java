package io.airspeed.cursors;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An opaque cursor: a keyset position (the sort key of the last row a page returned) bound to the
 * list it was issued for, e.g. "org, user, filters".
 *
 * <p>It is not a secret and grants nothing: every list query is scoped by the caller's token, so a
 * hand-made position can only move within the caller's own list. The digest over scope and
 * position is there so a service can refuse, as bad input, a cursor of another list (another org,
 * user or filter) or one altered on the way, instead of quietly paging somewhere else; that is why
 * a plain hash suffices and no key has to be shared between replicas.
 */
public final class ListCursor {

    /** Longer text is refused before any decoding work. */
    public static final int MAX_LENGTH = 512;

    private static final byte VERSION = 1;
    private static final int DIGEST_BYTES = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ListCursor() {
    }

    /** {@code position} writes the fields of the position; {@code size} is how many bytes they take. */
    public static String encode(String scope, int size, Consumer<ByteBuffer> position) {
        Objects.requireNonNull(scope, "scope");
        ByteBuffer body = ByteBuffer.allocate(1 + size);
        body.put(VERSION);
        position.accept(body);
        if (body.hasRemaining()) {
            throw new IllegalArgumentException("The position wrote " + (body.position() - 1) + " of " + size + " bytes");
        }
        byte[] digest = digest(scope, body.array());
        byte[] token = Arrays.copyOf(body.array(), body.capacity() + DIGEST_BYTES);
        System.arraycopy(digest, 0, token, body.capacity(), DIGEST_BYTES);
        return ENCODER.encodeToString(token);
    }

    /**
     * The position read back by {@code position}, which must consume it exactly.
     *
     * @throws InvalidCursorException when the text is not a cursor of this scope, was altered, or does
     *                                not hold what {@code position} reads
     */
    public static <T> T decode(String scope, String cursor, Function<ByteBuffer, T> position) {
        Objects.requireNonNull(scope, "scope");
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException();
        }
        byte[] token;
        try {
            token = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        // Base64 leaves spare bits in the last character that decoding ignores: only the canonical
        // text of the bytes is the cursor, so that no altered character is ever accepted.
        if (token.length <= 1 + DIGEST_BYTES || token[0] != VERSION || !ENCODER.encodeToString(token).equals(cursor)) {
            throw new InvalidCursorException();
        }
        byte[] body = Arrays.copyOf(token, token.length - DIGEST_BYTES);
        byte[] expected = Arrays.copyOf(digest(scope, body), DIGEST_BYTES);
        byte[] given = Arrays.copyOfRange(token, body.length, token.length);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new InvalidCursorException();
        }
        ByteBuffer fields = ByteBuffer.wrap(body, 1, body.length - 1).slice().asReadOnlyBuffer();
        try {
            T value = position.apply(fields);
            if (fields.hasRemaining()) {
                throw new InvalidCursorException();
            }
            return value;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }

    private static byte[] digest(String scope, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            // A separator no scope text contains, so "ab"+"c…" and "a"+"bc…" cannot collide.
            sha.update((byte) 0);
            sha.update(body);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
