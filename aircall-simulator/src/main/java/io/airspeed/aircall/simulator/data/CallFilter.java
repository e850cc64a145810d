package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.model.Direction;
import io.airspeed.aircall.simulator.model.SimulatedCall;
import io.airspeed.aircall.simulator.model.SimulatedTag;

import java.util.List;
import java.util.Set;

/** The filters of {@code GET /v1/calls/search}; a null or empty criterion matches every call. */
public record CallFilter(Direction direction, Long userId, String phoneDigits, Set<String> tags) {

    public static final CallFilter NONE = new CallFilter(null, null, null, Set.of());

    public CallFilter {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        phoneDigits = phoneDigits == null || phoneDigits.isEmpty() ? null : phoneDigits;
    }

    public boolean isEmpty() {
        return direction == null && userId == null && phoneDigits == null && tags.isEmpty();
    }

    public boolean matches(SimulatedCall call) {
        if (direction != null && call.direction() != direction) {
            return false;
        }
        if (userId != null && (call.user() == null || call.user().id() != userId)) {
            return false;
        }
        if (phoneDigits != null && !digitsOf(call.rawDigits()).contains(phoneDigits)) {
            return false;
        }
        if (!tags.isEmpty()) {
            List<SimulatedTag> callTags = call.tags();
            for (String wanted : tags) {
                if (callTags.stream().noneMatch(t -> t.name().equalsIgnoreCase(wanted))) {
                    return false;
                }
            }
        }
        return true;
    }

    public static String digitsOf(String phone) {
        StringBuilder sb = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
