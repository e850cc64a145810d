package io.airspeed.aircall.simulator.model;

/** Direction of a call as Aircall spells it on the wire. */
public enum Direction {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Direction fromWireName(String value) {
        for (Direction d : values()) {
            if (d.wireName.equalsIgnoreCase(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction: " + value);
    }
}
