package io.airspeed.users.domain;

/** How an Aircall user is linked to an Airspeed user besides the primary email. */
public enum IdentityKind {
    /** Another email the person uses in Aircall (an alias). */
    EMAIL,
    /** The numeric id of the Aircall user. */
    AIRCALL_USER_ID
}
