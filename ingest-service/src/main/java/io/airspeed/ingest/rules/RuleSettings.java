package io.airspeed.ingest.rules;

import java.time.Duration;

/**
 * @param recordingGrace       how long after its end a finished call may wait for its recording
 * @param minimumDuration      the shortest call imported (rule 3: 60 s imports, 59 s does not)
 * @param windowRuleApplies    false for an admin backfill, which overrides rule 6 for its range
 * @param inProgressLimit      how long after its start a call Aircall still reports in progress
 *                             stops waiting ({@link Reason#SKIPPED_NEVER_FINISHED})
 */
public record RuleSettings(Duration recordingGrace, int minimumDuration, boolean windowRuleApplies,
                           Duration inProgressLimit) {

    public static final int MINIMUM_DURATION_SECONDS = 60;

    /** The default of {@code ingest.in-progress-limit}: no call lasts a day. */
    public static final Duration DEFAULT_IN_PROGRESS_LIMIT = Duration.ofHours(24);

    public RuleSettings(Duration recordingGrace, int minimumDuration, boolean windowRuleApplies) {
        this(recordingGrace, minimumDuration, windowRuleApplies, DEFAULT_IN_PROGRESS_LIMIT);
    }

    public static RuleSettings scheduled(Duration recordingGrace) {
        return scheduled(recordingGrace, DEFAULT_IN_PROGRESS_LIMIT);
    }

    public static RuleSettings scheduled(Duration recordingGrace, Duration inProgressLimit) {
        return new RuleSettings(recordingGrace, MINIMUM_DURATION_SECONDS, true, inProgressLimit);
    }

    public static RuleSettings backfill(Duration recordingGrace) {
        return backfill(recordingGrace, DEFAULT_IN_PROGRESS_LIMIT);
    }

    public static RuleSettings backfill(Duration recordingGrace, Duration inProgressLimit) {
        return new RuleSettings(recordingGrace, MINIMUM_DURATION_SECONDS, false, inProgressLimit);
    }
}
