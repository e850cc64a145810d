package io.airspeed.aircall.simulator.model;

/** Aircall's call lifecycle; it says nothing about whether the call was missed. */
public enum CallStatus {
    INITIAL("initial"),
    ANSWERED("answered"),
    DONE("done");

    private final String wireName;

    CallStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
