package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.ImportStatus;

import java.util.UUID;

/** What a bulk import did with one of its calls, and the call's id. */
public record BatchImportResult(long aircallCallId, UUID id, ImportStatus status) {
}
