package io.airspeed.ingest.rules;

/**
 * One check as the rules evaluated it.
 *
 * @param reason the reason code the check contributes to the decision: set when it fails, and when
 *               it is {@code UNKNOWN} because the call is not decided yet (a {@code PENDING_*} code)
 * @param remedy the article's fix; null when there is nothing to fix
 */
public record CheckResult(RuleCheck check, CheckStatus status, Reason reason, String detail, String remedy) {

    public static CheckResult pass(RuleCheck check, String detail) {
        return new CheckResult(check, CheckStatus.PASS, null, detail, null);
    }

    public static CheckResult fail(Reason reason, String detail) {
        return fail(reason, detail, reason.remedy());
    }

    public static CheckResult fail(Reason reason, String detail, String remedy) {
        return new CheckResult(RuleCheck.of(reason), CheckStatus.FAIL, reason, detail, remedy);
    }

    public static CheckResult pending(Reason reason, String detail) {
        return new CheckResult(RuleCheck.of(reason), CheckStatus.UNKNOWN, reason, detail, reason.remedy());
    }

    public static CheckResult unknown(RuleCheck check, String detail) {
        return new CheckResult(check, CheckStatus.UNKNOWN, null, detail, null);
    }

    public static CheckResult notApplicable(RuleCheck check, String detail) {
        return new CheckResult(check, CheckStatus.NOT_APPLICABLE, null, detail, null);
    }

    public int rule() {
        return check.rule();
    }
}
