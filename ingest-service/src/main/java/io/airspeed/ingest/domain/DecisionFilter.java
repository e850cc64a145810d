package io.airspeed.ingest.domain;

import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.rules.Roster;

import java.time.Instant;
import java.util.Objects;

/**
 * The admin's filters on the decision log; each may be null. {@code reason} matches decisions
 * having it among all their reasons; {@code from} (inclusive) and {@code to} (exclusive) bound the
 * call's start; {@code email} is the Aircall user's, kept normalized so that a filter written
 * differently finds the same decisions and gets the same {@link #canonical()} form.
 */
public record DecisionFilter(Long aircallCallId, Outcome outcome, Reason reason, Instant from, Instant to, String email) {

    public static final DecisionFilter NONE = new DecisionFilter(null, null, null, null, null, null);

    public DecisionFilter {
        email = email == null || email.isBlank() ? null : Roster.normalize(email);
    }

    /**
     * One text per set of filters, the same for the same filters however they were written: the
     * part of a cursor's scope that ties it to them. Every field but the last has a fixed format
     * without '|', so no email can make two different filter sets read alike.
     */
    public String canonical() {
        return "callId=" + text(aircallCallId) + "|outcome=" + text(outcome) + "|reason=" + text(reason)
                + "|from=" + text(from) + "|to=" + text(to) + "|email=" + text(email);
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
