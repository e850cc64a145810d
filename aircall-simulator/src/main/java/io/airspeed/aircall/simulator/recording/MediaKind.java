package io.airspeed.aircall.simulator.recording;

/** The two kinds of call audio Aircall links to with short-lived URLs. */
public enum MediaKind {
    RECORDING("recordings"),
    VOICEMAIL("voicemails");

    private final String pathSegment;

    MediaKind(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    public String pathSegment() {
        return pathSegment;
    }

    public static MediaKind fromPathSegment(String segment) {
        for (MediaKind kind : values()) {
            if (kind.pathSegment.equals(segment)) {
                return kind;
            }
        }
        return null;
    }
}
