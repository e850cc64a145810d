package io.airspeed.users.service;

import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.Seat;

public record NewUser(String email, String name, Role role, Seat seat) {
}
