package io.airspeed.aircall.simulator.recording;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the simulator's pre-signed media URLs, so an expired or forged URL is refused the way
 * Aircall's storage refuses one. The key derives from the seed: the same seed renders the same URLs.
 */
public final class RecordingSigner {

    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> mac;

    public RecordingSigner(long seed) {
        byte[] key = ("aircall-simulator-media-key-" + seed).getBytes(StandardCharsets.UTF_8);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    public String sign(MediaKind kind, long callId, long expiresEpochSecond) {
        Mac m = mac.get();
        byte[] digest = m.doFinal((kind.pathSegment() + ':' + callId + ':' + expiresEpochSecond)
                .getBytes(StandardCharsets.US_ASCII));
        return HEX.formatHex(digest, 0, 16);
    }

    public boolean verify(MediaKind kind, long callId, long expiresEpochSecond, String signature) {
        String expected = sign(kind, callId, expiresEpochSecond);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
