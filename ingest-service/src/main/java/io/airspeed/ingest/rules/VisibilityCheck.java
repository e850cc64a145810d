package io.airspeed.ingest.rules;

/**
 * Rule 5, about seeing an imported call rather than importing it: public calls are visible to
 * every active user of the org, private ones to their participants and to admins.
 */
public final class VisibilityCheck {

    private VisibilityCheck() {
    }

    /** What visibility-service answered about the call and the asking user. */
    public record Access(boolean exists, String visibility, boolean participant, boolean visibleToUser) {
    }

    /**
     * @param imported whether ingestion imported the call
     * @param access   visibility-service's answer; null when it could not be asked
     */
    public static CheckResult of(boolean imported, Access access, boolean askerIsAdmin) {
        if (!imported) {
            return CheckResult.notApplicable(RuleCheck.VISIBILITY, "Only an imported call has a visibility; this one was not imported.");
        }
        if (access == null) {
            return CheckResult.unknown(RuleCheck.VISIBILITY, "visibility-service could not be asked; try again in a minute.");
        }
        if (!access.exists()) {
            return CheckResult.unknown(RuleCheck.VISIBILITY, "Imported, and being handed to the call list: it appears in "
                    + "Airspeed within minutes, with the org's default visibility.");
        }
        boolean isPrivate = "PRIVATE".equals(access.visibility());
        if (access.visibleToUser()) {
            String why = !isPrivate ? "The call is PUBLIC: every active user of the org sees it."
                    : access.participant() ? "The call is PRIVATE and you take part in it, so you see it."
                    : askerIsAdmin ? "The call is PRIVATE: its participants and admins (you) see it."
                    : "The call is PRIVATE and you may see it.";
            return CheckResult.pass(RuleCheck.VISIBILITY, why);
        }
        return new CheckResult(RuleCheck.VISIBILITY, CheckStatus.FAIL, null,
                "The call is PRIVATE: only its participants and admins see it.",
                "A participant or an admin can make it public from the call page.");
    }
}
