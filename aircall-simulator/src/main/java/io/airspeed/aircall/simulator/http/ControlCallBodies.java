package io.airspeed.aircall.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.airspeed.aircall.simulator.company.SimulatedCompany;
import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.MissedCallReason;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedComment;
import io.airspeed.aircall.simulator.model.SimulatedNumber;
import io.airspeed.aircall.simulator.model.SimulatedTag;
import io.airspeed.aircall.simulator.model.SimulatedTeam;
import io.airspeed.aircall.simulator.model.SimulatedUser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.airspeed.aircall.simulator.http.ControlJson.epochSecondOrNull;

/** Turns control-API call and user bodies into model objects; users are named by id and must exist. */
final class ControlCallBodies {

    private ControlCallBodies() {
    }

    static SimulatedCall newCall(SimulatedCompany company, JsonNode body) {
        if (!body.hasNonNull("started_at")) {
            throw new IllegalArgumentException("started_at is required (UNIX seconds or ISO-8601)");
        }
        SimulatedCall.Builder b = body.hasNonNull("id")
                ? SimulatedCall.builder().id(body.get("id").asLong()).number(company.defaultNumber())
                : company.newCall();
        long startedAt = epochSecondOrNull(body, "started_at");
        b.startedAt(startedAt)
                .direction(body.hasNonNull("direction")
                        ? Direction.fromWireName(body.get("direction").asText()) : Direction.OUTBOUND);
        Long endedAt = epochSecondOrNull(body, "ended_at");
        if (endedAt == null && body.hasNonNull("duration")) {
            endedAt = startedAt + body.get("duration").asLong();
        }
        b.endedAt(endedAt);
        if (body.hasNonNull("sid")) {
            b.sid(body.get("sid").asText());
        }
        if (body.hasNonNull("number")) {
            b.number(number(body.get("number")));
        }
        if (body.path("recording").asBoolean(false) && !body.has("recording_available_at")) {
            b.recordingAvailableAt(endedAt);
        }
        if (body.path("voicemail").asBoolean(false) && !body.has("voicemail_available_at")) {
            b.voicemailAvailableAt(endedAt);
        }
        SimulatedCall call = apply(company, b.build().toBuilder(), body, startedAt);
        if (body.hasNonNull("teams")) {
            List<SimulatedTeam> teams = new ArrayList<>();
            for (JsonNode t : body.get("teams")) {
                teams.add(new SimulatedTeam(Math.abs((long) t.asText().hashCode()), t.asText(), Instant.EPOCH));
            }
            call = call.toBuilder().teams(teams).build();
        }
        return call;
    }

    /** Applies the fields present in {@code body}; an explicit null clears a nullable field. */
    static SimulatedCall apply(SimulatedCompany company, SimulatedCall.Builder b, JsonNode body, long startedAt) {
        if (body.has("answered_at")) {
            b.answeredAt(epochSecondOrNull(body, "answered_at"));
        }
        if (body.has("ended_at")) {
            b.endedAt(epochSecondOrNull(body, "ended_at"));
        }
        if (body.has("recording_available_at")) {
            b.recordingAvailableAt(epochSecondOrNull(body, "recording_available_at"));
        }
        if (body.has("voicemail_available_at")) {
            b.voicemailAvailableAt(epochSecondOrNull(body, "voicemail_available_at"));
        }
        if (body.has("missed_call_reason")) {
            JsonNode r = body.get("missed_call_reason");
            b.missedCallReason(r.isNull() ? null : MissedCallReason.fromWireName(r.asText()));
        }
        if (body.hasNonNull("raw_digits")) {
            b.rawDigits(body.get("raw_digits").asText());
        }
        if (body.has("user_id")) {
            b.user(user(company, body.get("user_id")));
        }
        if (body.has("null_user")) {
            b.nullUserRendered(body.get("null_user").asBoolean());
        }
        if (body.has("assigned_to_id")) {
            b.assignedTo(user(company, body.get("assigned_to_id")));
        }
        if (body.has("transferred_by_id")) {
            b.transferredBy(user(company, body.get("transferred_by_id")));
        }
        if (body.has("transferred_to_id")) {
            b.transferredTo(user(company, body.get("transferred_to_id")));
        }
        if (body.has("archived")) {
            b.archived(body.get("archived").asBoolean());
        }
        if (body.has("cost")) {
            b.cost(body.get("cost").isNull() ? null : body.get("cost").asText());
        }
        if (body.has("scenario")) {
            b.scenario(body.get("scenario").isNull() ? null : body.get("scenario").asText());
        }
        if (body.hasNonNull("tags")) {
            List<SimulatedTag> tags = new ArrayList<>();
            for (JsonNode t : body.get("tags")) {
                tags.add(new SimulatedTag(Math.abs((long) t.asText().hashCode()), t.asText()));
            }
            b.tags(tags);
        }
        if (body.hasNonNull("comments")) {
            List<SimulatedComment> comments = new ArrayList<>();
            long id = 1;
            for (JsonNode c : body.get("comments")) {
                comments.add(new SimulatedComment(id++, c.asText(), startedAt));
            }
            b.comments(comments);
        }
        return b.build();
    }

    private static SimulatedUser user(SimulatedCompany company, JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        SimulatedUser user = company.users().find(id.asLong());
        if (user == null) {
            throw new IllegalArgumentException("company " + company.id() + " has no user " + id.asLong()
                    + "; add it with POST /_simulator/companies/" + company.id() + "/users");
        }
        return user;
    }

    static SimulatedNumber number(JsonNode n) {
        return new SimulatedNumber(n.path("id").asLong(1), n.path("name").asText("Main line"),
                n.path("digits").asText("+1 415-555-0100"), n.path("country").asText("US"),
                n.path("time_zone").asText("America/New_York"), n.path("is_ivr").asBoolean(false),
                n.path("live_recording_activated").asBoolean(true));
    }

    static SimulatedUser newUser(JsonNode body) {
        if (!body.hasNonNull("id") || !body.hasNonNull("email")) {
            throw new IllegalArgumentException("id and email are required");
        }
        return new SimulatedUser(body.get("id").asLong(), body.path("name").asText(body.get("email").asText()),
                body.get("email").asText(), body.path("available").asBoolean(true),
                body.path("availability_status").asText("available"),
                body.hasNonNull("created_at") ? ControlJson.instant(body.get("created_at")) : Instant.EPOCH,
                body.path("time_zone").asText("Europe/Paris"), body.path("language").asText("en-US"));
    }
}
