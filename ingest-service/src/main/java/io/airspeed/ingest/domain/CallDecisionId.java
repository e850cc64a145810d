package io.airspeed.ingest.domain;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public class CallDecisionId implements Serializable {

    public UUID orgId;
    public long aircallCallId;

    public CallDecisionId() {
    }

    public CallDecisionId(UUID orgId, long aircallCallId) {
        this.orgId = orgId;
        this.aircallCallId = aircallCallId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallDecisionId that && aircallCallId == that.aircallCallId && Objects.equals(orgId, that.orgId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, aircallCallId);
    }
}
