package io.airspeed.aircall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.airspeed.aircall.simulator.SimulatorCounters;
import io.airspeed.aircall.simulator.recording.MediaKind;
import io.airspeed.aircall.simulator.recording.RecordingSigner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/**
 * Serves the pre-signed recording and voicemail URLs the API hands out, refusing them after expiry with
 * a 403 and an S3-style XML body, as Aircall's storage does. No Aircall credentials are needed.
 */
public final class MediaHandler implements HttpHandler {

    /** An ID3v2 header and MPEG-1 layer III frame headers: enough for a client to recognise MP3. */
    static final byte[] FAKE_MP3 = fakeMp3();

    private final RecordingSigner signer;
    private final SimulatorCounters counters;
    private final Clock clock;

    public MediaHandler(RecordingSigner signer, SimulatorCounters counters, Clock clock) {
        this.signer = signer;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (RuntimeException e) {
            HttpResponses.json(exchange, 500, AircallErrors.SERVER_ERROR);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String[] segments = exchange.getRequestURI().getRawPath().split("/");
        MediaKind kind = segments.length == 3 ? MediaKind.fromPathSegment(segments[1]) : null;
        Long callId = segments.length == 3 && segments[2].endsWith(".mp3")
                ? parseLong(segments[2].substring(0, segments[2].length() - 4)) : null;
        QueryParameters params = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
        Long expires = parseLong(params.first("expires"));
        String sig = params.first("sig");
        if (kind == null || callId == null) {
            refuse(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        if (expires == null || sig == null || !signer.verify(kind, callId, expires, sig)) {
            refuse(exchange, 403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
            return;
        }
        if (clock.millis() >= expires * 1000) {
            refuse(exchange, 403, "AccessDenied", "Request has expired");
            return;
        }
        counters.mediaServed();
        exchange.getResponseHeaders().set("Cache-Control", "private, max-age=0");
        HttpResponses.send(exchange, 200, "audio/mpeg", FAKE_MP3, FAKE_MP3.length);
    }

    private void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        counters.mediaRefused();
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        HttpResponses.send(exchange, status, "application/xml", body, body.length);
    }

    private static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] fakeMp3() {
        byte[] id3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};
        int frameLength = 417; // 128 kbit/s at 44.1 kHz
        int frames = 4;
        byte[] mp3 = Arrays.copyOf(id3, id3.length + frames * frameLength);
        for (int f = 0; f < frames; f++) {
            int at = id3.length + f * frameLength;
            mp3[at] = (byte) 0xFF;
            mp3[at + 1] = (byte) 0xFB;
            mp3[at + 2] = (byte) 0x90;
            mp3[at + 3] = (byte) 0x64;
        }
        return mp3;
    }
}
