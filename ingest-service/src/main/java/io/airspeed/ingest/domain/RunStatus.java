package io.airspeed.ingest.domain;

public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
