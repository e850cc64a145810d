package io.airspeed.ingest.rules;

import java.util.List;

/**
 * The checks the rules made for one call and the decision derived from them: the decision's
 * reasons are exactly the checks' reasons, so a check and its decision cannot disagree.
 *
 * @param checks the five import checks in the article's order (rule 5, visibility, is about seeing an
 *               imported call and comes from visibility-service)
 */
public record RuleEvaluation(List<CheckResult> checks, Decision decision) {

    public RuleEvaluation {
        checks = List.copyOf(checks);
    }

    public CheckResult check(RuleCheck check) {
        return checks.stream().filter(c -> c.check() == check).findFirst().orElse(null);
    }
}
