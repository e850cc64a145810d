package io.airspeed.aircall.simulator.json;

import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedComment;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedTag;
import io.airspeed.aircall.simulator.model.SimulatedTeam;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.aircall.simulator.recording.MediaKind;
import io.airspeed.aircall.simulator.recording.MediaUrls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Renders Aircall objects in the field order of Aircall's reference sample. Users, numbers and teams
 * are immutable and repeat on every page, so their JSON is rendered once and copied.
 */
public final class AircallJsonWriter {

    public static final String API_BASE = "https://api.aircall.io/v1";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private record Fragment(Object source, byte[] json) {
    }

    private final MediaUrls media;
    private final Map<Long, Fragment> users = new ConcurrentHashMap<>();
    private final Map<Long, Fragment> numbers = new ConcurrentHashMap<>();
    private final Map<Long, Fragment> teams = new ConcurrentHashMap<>();

    public AircallJsonWriter(MediaUrls media) {
        this.media = media;
    }

    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    public void call(JsonOutput out, SimulatedCall c, RenderContext ctx) {
        long id = c.id();
        boolean recording = c.recordingAvailable(ctx.nowEpochSecond());
        boolean voicemail = c.voicemailAvailable(ctx.nowEpochSecond());
        out.ascii("{\"id\":").number(id)
                .ascii(",\"sid\":").string(c.sid())
                .ascii(",\"direct_link\":\"" + API_BASE + "/calls/").number(id).ch('"')
                .ascii(",\"direction\":\"").ascii(c.direction().wireName()).ch('"')
                .ascii(",\"status\":\"").ascii(c.status().wireName()).ch('"')
                .ascii(",\"missed_call_reason\":");
        if (c.missedCallReason() == null) {
            out.nul();
        } else {
            out.ch('"').ascii(c.missedCallReason().wireName()).ch('"');
        }
        out.ascii(",\"started_at\":").number(c.startedAt())
                .ascii(",\"answered_at\":").numberOrNull(c.answeredAt())
                .ascii(",\"ended_at\":").numberOrNull(c.endedAt())
                .ascii(",\"duration\":").number(c.duration())
                .ascii(",\"voicemail\":");
        mediaUrl(out, voicemail, MediaKind.VOICEMAIL, id, ctx.baseUrl(), ctx.mediaExpiresEpochSecond());
        out.ascii(",\"recording\":");
        mediaUrl(out, recording, MediaKind.RECORDING, id, ctx.baseUrl(), ctx.mediaExpiresEpochSecond());
        if (ctx.shortUrls()) {
            out.ascii(",\"recording_short_url\":");
            mediaUrl(out, recording, MediaKind.RECORDING, id, ctx.baseUrl(), ctx.shortUrlExpiresEpochSecond());
            out.ascii(",\"voicemail_short_url\":");
            mediaUrl(out, voicemail, MediaKind.VOICEMAIL, id, ctx.baseUrl(), ctx.shortUrlExpiresEpochSecond());
        }
        out.ascii(",\"asset\":");
        if (recording) {
            out.ascii("\"https://assets.aircall.io/calls/").number(id).ascii("/recording\"");
        } else {
            out.nul();
        }
        out.ascii(",\"raw_digits\":").string(c.rawDigits());
        if (c.user() != null) {
            out.ascii(",\"user\":");
            user(out, c.user());
        } else if (c.nullUserRendered()) {
            out.ascii(",\"user\":null");
        }
        out.ascii(",\"contact\":null,\"archived\":").bool(c.archived())
                .ascii(",\"assigned_to\":");
        userOrNull(out, c.assignedTo());
        out.ascii(",\"transferred_by\":");
        userOrNull(out, c.transferredBy());
        out.ascii(",\"transferred_to\":");
        userOrNull(out, c.transferredTo());
        out.ascii(",\"cost\":").stringOrNull(c.cost())
                .ascii(",\"number\":");
        number(out, c.number());
        out.ascii(",\"teams\":[");
        List<SimulatedTeam> callTeams = c.teams();
        for (int i = 0; i < callTeams.size(); i++) {
            if (i > 0) {
                out.ch(',');
            }
            team(out, callTeams.get(i));
        }
        out.ascii("],\"comments\":[");
        List<SimulatedComment> comments = c.comments();
        for (int i = 0; i < comments.size(); i++) {
            SimulatedComment comment = comments.get(i);
            out.ascii(i > 0 ? ",{\"id\":" : "{\"id\":").number(comment.id())
                    .ascii(",\"content\":").string(comment.content())
                    .ascii(",\"posted_at\":").number(comment.postedAt())
                    .ascii(",\"posted_by\":null}");
        }
        out.ascii("],\"tags\":[");
        List<SimulatedTag> tags = c.tags();
        for (int i = 0; i < tags.size(); i++) {
            SimulatedTag tag = tags.get(i);
            out.ascii(i > 0 ? ",{\"id\":" : "{\"id\":").number(tag.id())
                    .ascii(",\"name\":").string(tag.name()).ch('}');
        }
        out.ascii("]}");
    }

    private void mediaUrl(JsonOutput out, boolean available, MediaKind kind, long id, String baseUrl, long expires) {
        if (available) {
            out.string(media.url(baseUrl, kind, id, expires));
        } else {
            out.nul();
        }
    }

    private void userOrNull(JsonOutput out, SimulatedUser user) {
        if (user == null) {
            out.nul();
        } else {
            user(out, user);
        }
    }

    public void user(JsonOutput out, SimulatedUser u) {
        out.raw(cached(users, u.id(), u, o -> o
                .ascii("{\"id\":").number(u.id())
                .ascii(",\"direct_link\":\"" + API_BASE + "/users/").number(u.id()).ch('"')
                .ascii(",\"name\":").string(u.name())
                .ascii(",\"email\":").string(u.email())
                .ascii(",\"available\":").bool(u.available())
                .ascii(",\"availability_status\":").string(u.availabilityStatus())
                .ascii(",\"created_at\":").string(iso(u.createdAt()))
                .ascii(",\"time_zone\":").string(u.timeZone())
                .ascii(",\"language\":").string(u.language())
                .ch('}')));
    }

    private void number(JsonOutput out, SimulatedNumber n) {
        out.raw(cached(numbers, n.id(), n, o -> o
                .ascii("{\"id\":").number(n.id())
                .ascii(",\"direct_link\":\"" + API_BASE + "/numbers/").number(n.id()).ch('"')
                .ascii(",\"name\":").string(n.name())
                .ascii(",\"digits\":").string(n.digits())
                .ascii(",\"country\":").string(n.country())
                .ascii(",\"time_zone\":").string(n.timeZone())
                .ascii(",\"open\":true,\"availability_status\":\"open\"")
                .ascii(",\"is_ivr\":").bool(n.isIvr())
                .ascii(",\"live_recording_activated\":").bool(n.liveRecordingActivated())
                .ch('}')));
    }

    private void team(JsonOutput out, SimulatedTeam t) {
        out.raw(cached(teams, t.id(), t, o -> o
                .ascii("{\"id\":").number(t.id())
                .ascii(",\"direct_link\":\"" + API_BASE + "/teams/").number(t.id()).ch('"')
                .ascii(",\"name\":").string(t.name())
                .ascii(",\"created_at\":").string(iso(t.createdAt()))
                .ch('}')));
    }

    private static byte[] cached(Map<Long, Fragment> cache, long id, Object source, Consumer<JsonOutput> render) {
        Fragment fragment = cache.get(id);
        if (fragment != null && (fragment.source == source || fragment.source.equals(source))) {
            return fragment.json;
        }
        JsonOutput out = new JsonOutput(256);
        render.accept(out);
        byte[] json = out.toByteArray();
        cache.put(id, new Fragment(source, json));
        return json;
    }
}
