package io.airspeed.aircall.simulator.company;

import io.airspeed.aircall.simulator.model.SimulatedUser;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A company's Aircall users in id order (the order of {@code GET /v1/users}). */
public final class UserDirectory {

    private volatile List<SimulatedUser> users;
    private volatile Map<Long, SimulatedUser> byId;

    UserDirectory(List<SimulatedUser> initial) {
        TreeMap<Long, SimulatedUser> sorted = new TreeMap<>();
        for (SimulatedUser user : initial) {
            if (sorted.put(user.id(), user) != null) {
                throw new IllegalArgumentException("duplicate user id " + user.id());
            }
        }
        publish(sorted);
    }

    public List<SimulatedUser> all() {
        return users;
    }

    public SimulatedUser find(long id) {
        return byId.get(id);
    }

    synchronized void add(SimulatedUser user) {
        if (byId.containsKey(user.id())) {
            throw new IllegalArgumentException("a user with id " + user.id() + " already exists");
        }
        TreeMap<Long, SimulatedUser> sorted = new TreeMap<>(byId);
        sorted.put(user.id(), user);
        publish(sorted);
    }

    private void publish(TreeMap<Long, SimulatedUser> sorted) {
        byId = Map.copyOf(sorted);
        users = List.copyOf(sorted.values());
    }
}
