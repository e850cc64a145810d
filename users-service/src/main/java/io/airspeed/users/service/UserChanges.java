package io.airspeed.users.service;

import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.Seat;

/** What an admin asks to change on a user; a null field stays as it is. */
public record UserChanges(String email, String name, Role role, Seat seat, Boolean active) {
}
