package io.airspeed.visibility.rest;

import io.airspeed.visibility.service.InvalidFieldException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Parses optional query and path parameters so that a bad value answers 400 naming the parameter. */
final class QueryParameters {

    private QueryParameters() {
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "must be an ISO-8601 instant such as 2025-01-31T09:00:00Z");
        }
    }

    /** An optional whole number within [min, max]; the messages are Bean Validation's. */
    static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "must be a whole number");
        }
        if (parsed < min) {
            throw new InvalidFieldException(name, "must be greater than or equal to " + min);
        }
        if (parsed > max) {
            throw new InvalidFieldException(name, "must be less than or equal to " + max);
        }
        return (int) parsed;
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parseUuid(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(name, "must be a UUID");
        }
    }

    /** Strict: {@link UUID#fromString} accepts short forms such as {@code 1-2-3-4-5}. */
    static UUID parseUuid(String value) {
        String trimmed = value.trim();
        if (trimmed.length() != 36) {
            throw new IllegalArgumentException("not a UUID");
        }
        return UUID.fromString(trimmed);
    }
}
