package io.airspeed.ingest.rules;

/**
 * Which Airspeed user an Aircall user maps to (rule 1), and how.
 *
 * @param user null when no Airspeed user has that Aircall email or user id
 */
public record RosterMatch(RosterUser user, By by) {

    public enum By {
        /** A linked Aircall user id: it wins over any email. */
        AIRCALL_USER_ID,
        /** The user's email or a linked alias, trimmed and lower-cased. */
        EMAIL
    }

    public static final RosterMatch NONE = new RosterMatch(null, null);

    public boolean matched() {
        return user != null;
    }
}
