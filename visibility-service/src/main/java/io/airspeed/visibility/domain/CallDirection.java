package io.airspeed.visibility.domain;

public enum CallDirection {
    INBOUND,
    OUTBOUND
}
