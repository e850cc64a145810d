package io.airspeed.ingest.rest;

import io.airspeed.ingest.service.InvalidFieldException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Query parameters parsed here rather than by JAX-RS, which answers an unparsable one with a
 * bare 404; a caller deserves a 400 that names the parameter.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "must be an ISO-8601 instant such as 2026-11-24T10:00:00Z");
        }
    }

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    /**
     * The last page any size may ask for: the row offset ({@code page * size}) is an {@code int}
     * in Hibernate, and a page past this overflowed it into a negative offset, a 500.
     */
    static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;

    static int page(String value) {
        return boundedInt("page", value, 0, 0, MAX_PAGE);
    }

    /** Null when absent: a list that pages by cursor tells a page number asked for from none. */
    static Integer optionalPage(String value) {
        return value == null || value.isBlank() ? null : page(value);
    }

    /** Null when absent or blank, else trimmed. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static int size(String value) {
        return boundedInt("size", value, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    private static int boundedInt(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidFieldException(name, "must be an integer from " + min + " to " + max);
    }

    static Long positiveLong(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidFieldException(name, "must be a positive integer");
    }
}
