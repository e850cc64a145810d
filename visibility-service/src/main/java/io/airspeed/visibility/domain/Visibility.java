package io.airspeed.visibility.domain;

/** Who may see an imported call (rule 5). */
public enum Visibility {
    /** Every user of the org. */
    PUBLIC,
    /** Only the call's participants and the org's admins. */
    PRIVATE
}
