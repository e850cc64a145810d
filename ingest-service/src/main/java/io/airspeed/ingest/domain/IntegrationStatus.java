package io.airspeed.ingest.domain;

public enum IntegrationStatus {
    CONNECTED,
    /** An admin disconnected it: no window is open, scheduled runs skip the org. */
    DISCONNECTED,
    /** Aircall rejected the stored credentials (401/403): an admin must reconnect. */
    BROKEN
}
