package io.airspeed.users.domain;

public enum Role {
    ADMIN,
    MEMBER
}
