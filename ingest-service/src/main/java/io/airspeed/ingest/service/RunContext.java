package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCredentials;
import io.airspeed.ingest.aircall.AircallRequestStats;
import io.airspeed.ingest.domain.RunKind;
import io.airspeed.ingest.rules.ConnectionWindows;
import io.airspeed.ingest.rules.Roster;
import io.airspeed.ingest.rules.RuleSettings;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one run decides with; built once at its start. {@code credentialsVersion} is the
 * version of the key it holds, {@code lease} what it knows of its org's lease;
 * {@code pendingRemaining} the org's pending calls left to later runs by the re-check bound.
 */
record RunContext(UUID runId, UUID orgId, RunKind kind, AircallCredentials credentials, long credentialsVersion,
                  Roster roster, ConnectionWindows windows, RuleSettings settings, AircallRequestStats stats,
                  RunCounters counters, AtomicLong fetched, AtomicLong pendingRechecked, AtomicLong aircallTotal,
                  AtomicLong pendingRemaining, RunLease lease) {
}
