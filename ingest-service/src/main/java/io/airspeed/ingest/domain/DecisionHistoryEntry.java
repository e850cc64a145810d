package io.airspeed.ingest.domain;

import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One step in the history of a call's decision: the first decision, and each later one that
 * changed its outcome or primary reason. Written with the decision, never changed afterwards.
 */
@Entity
@Table(name = "call_decision_history")
public class DecisionHistoryEntry {

    /** From a sequence, not an identity column: a page's entries are inserted in one batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "call_decision_history_ids")
    @SequenceGenerator(name = "call_decision_history_ids", sequenceName = "call_decision_history_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(name = "aircall_call_id", nullable = false)
    public long aircallCallId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Enumerated(EnumType.STRING)
    public Reason reason;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DecisionCause cause;

    @Column(name = "run_id")
    public UUID runId;

    public static DecisionHistoryEntry of(CallDecision decision, DecisionCause cause) {
        DecisionHistoryEntry entry = new DecisionHistoryEntry();
        entry.orgId = decision.orgId;
        entry.aircallCallId = decision.aircallCallId;
        entry.outcome = decision.outcome;
        entry.reason = decision.primaryReason;
        entry.decidedAt = decision.decidedAt;
        entry.cause = cause;
        entry.runId = decision.runId;
        return entry;
    }
}
