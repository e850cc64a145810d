package io.airspeed.ingest.rules;

import java.time.Duration;

/**
 * @param recordingGrace       how long after its end a finished call may wait for its recording
 * @param minimumDuration      the shortest call imported (rule 3: 60 s imports, 59 s does not)
 * @param windowRuleApplies    false for an admin backfill, which overrides rule 6 for its range
 */
public record RuleSettings(Duration recordingGrace, int minimumDuration, boolean windowRuleApplies) {

    public static final int MINIMUM_DURATION_SECONDS = 60;

    public static RuleSettings scheduled(Duration recordingGrace) {
        return new RuleSettings(recordingGrace, MINIMUM_DURATION_SECONDS, true);
    }

    public static RuleSettings backfill(Duration recordingGrace) {
        return new RuleSettings(recordingGrace, MINIMUM_DURATION_SECONDS, false);
    }
}
