package io.airspeed.aircall.simulator.http;

import io.airspeed.aircall.simulator.data.CallFilter;
import io.airspeed.aircall.simulator.model.Direction;

import java.util.HashSet;
import java.util.Set;

/** The validated parameters of a list request. */
record ListQuery(Long from, Long to, boolean descending, int page, int perPage, CallFilter filter,
                 boolean fetchShortUrls) {

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 50;

    static ListQuery parse(QueryParameters params, boolean search) {
        Long from = epochSeconds(params, "from");
        Long to = epochSeconds(params, "to");
        String order = params.first("order");
        boolean descending;
        if (order == null || order.isEmpty() || order.equalsIgnoreCase("asc")) {
            descending = false;
        } else if (order.equalsIgnoreCase("desc")) {
            descending = true;
        } else {
            throw new BadRequestException("order must be asc or desc");
        }
        int page = positiveInt(params, "page", 1);
        int perPage = positiveInt(params, "per_page", DEFAULT_PER_PAGE);
        if (perPage > MAX_PER_PAGE) {
            throw new BadRequestException("per_page must be less than or equal to " + MAX_PER_PAGE);
        }
        CallFilter filter = search ? filter(params) : CallFilter.NONE;
        return new ListQuery(from, to, descending, page, perPage, filter,
                "true".equalsIgnoreCase(params.first("fetch_short_urls")));
    }

    private static CallFilter filter(QueryParameters params) {
        Direction direction = null;
        String d = params.first("direction");
        if (d != null && !d.isEmpty()) {
            try {
                direction = Direction.fromWireName(d);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("direction must be inbound or outbound");
            }
        }
        Long userId = null;
        String u = params.first("user_id");
        if (u != null && !u.isEmpty()) {
            try {
                userId = Long.parseLong(u);
            } catch (NumberFormatException e) {
                throw new BadRequestException("user_id must be an integer");
            }
        }
        String phone = params.first("phone_number");
        Set<String> tags = new HashSet<>(params.all("tags[]"));
        tags.addAll(params.all("tags"));
        tags.remove("");
        return new CallFilter(direction, userId, phone == null ? null : CallFilter.digitsOf(phone), tags);
    }

    private static Long epochSeconds(QueryParameters params, String name) {
        String value = params.first(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a UNIX timestamp in seconds");
        }
    }

    private static int positiveInt(QueryParameters params, String name, int defaultValue) {
        String value = params.first(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a positive integer");
        }
        if (parsed < 1) {
            throw new BadRequestException(name + " must be a positive integer");
        }
        return parsed;
    }
}
