package io.airspeed.users.domain;

/** Only a {@code RECORDING} seat lets a user's Aircall calls be imported (product rule 2). */
public enum Seat {
    RECORDING,
    VIEWER,
    NONE
}
