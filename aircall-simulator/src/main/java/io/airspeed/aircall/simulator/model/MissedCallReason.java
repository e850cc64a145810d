package io.airspeed.aircall.simulator.model;

/** The reasons Aircall gives for a call that ended without being answered. */
public enum MissedCallReason {
    OUT_OF_OPENING_HOURS("out_of_opening_hours"),
    SHORT_ABANDONED("short_abandoned"),
    ABANDONED_IN_IVR("abandoned_in_ivr"),
    ABANDONED_IN_CLASSIC("abandoned_in_classic"),
    NO_AVAILABLE_AGENT("no_available_agent"),
    AGENTS_DID_NOT_ANSWER("agents_did_not_answer");

    private final String wireName;

    MissedCallReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static MissedCallReason fromWireName(String value) {
        for (MissedCallReason r : values()) {
            if (r.wireName.equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown missed_call_reason: " + value);
    }
}
