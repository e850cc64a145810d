package io.airspeed.ingest.service;

import io.airspeed.ingest.domain.DecisionCause;
import io.airspeed.ingest.rules.CheckStatus;
import io.airspeed.ingest.rules.Outcome;
import io.airspeed.ingest.rules.Reason;
import io.airspeed.ingest.rules.RuleCheck;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer to "why is my call missing?", in the shape of product.md section 7.1. */
@RegisterForReflection
@Schema(name = "MissingCallDiagnosis")
public record MissingCallAnswer(Verdict verdict, RuleCheck primaryCheck, String summary, CallView call,
                                List<CheckView> checks, DecisionView decision, List<Candidate> candidates,
                                Support support) {

    public enum Verdict {
        IMPORTED, SKIPPED, PENDING,
        /** Aircall has the call but ingestion has not decided it. */
        NOT_FETCHED,
        /** Neither Aircall nor Airspeed knows the call, or the caller may not know about it. */
        NOT_FOUND
    }

    @RegisterForReflection
    @Schema(name = "DiagnosedCall")
    public record CallView(long aircallCallId, Instant startedAt, Integer durationSeconds, String direction,
                           String aircallUserEmail, String aircallLink, Boolean recordingPresent) {
    }

    /** {@code status} is what was decided when the call was fetched; {@code now} what the rules say today. */
    @RegisterForReflection
    @Schema(name = "DiagnosisCheck")
    public record CheckView(RuleCheck check, int rule, CheckStatus status, Reason reason, String detail, String remedy,
                            CheckStatus now) {
    }

    @RegisterForReflection
    @Schema(name = "DiagnosedDecision")
    public record DecisionView(Outcome outcome, Reason reason, List<Reason> reasons, Instant decidedAt, UUID runId,
                               List<HistoryEntry> history) {
    }

    @RegisterForReflection
    @Schema(name = "DecisionHistoryEntry")
    public record HistoryEntry(Outcome outcome, Reason reason, Instant decidedAt, DecisionCause cause) {
    }

    @RegisterForReflection
    @Schema(name = "DiagnosisCandidate")
    public record Candidate(long aircallCallId, Instant startedAt, String aircallUserEmail) {
    }

    /** What a support ticket needs, also as one text to paste. */
    @RegisterForReflection
    @Schema(name = "DiagnosisSupport")
    public record Support(String text, Instant startedAt, String aircallUserEmail, String aircallLink, List<String> checks,
                          Long aircallCallId, UUID runId) {
    }
}
