package io.airspeed.visibility.service;

/** The call after an import, and whether this import created it (201) or updated it (200). */
public record ImportResult(CallDetails details, boolean created) {
}
