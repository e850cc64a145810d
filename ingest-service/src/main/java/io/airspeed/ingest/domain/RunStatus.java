package io.airspeed.ingest.domain;

/** QUEUED until a replica's worker claims it and takes the org's lease; then RUNNING until it ends. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
}
