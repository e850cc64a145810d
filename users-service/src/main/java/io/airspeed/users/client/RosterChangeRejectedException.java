package io.airspeed.users.client;

/** The destination refused the changes with an answer that sending them again cannot change. */
public class RosterChangeRejectedException extends RuntimeException {

    private final int status;
    private final String title;

    public RosterChangeRejectedException(int status, String title) {
        super("HTTP " + status + (title == null ? "" : " " + title));
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The problem's title, cleaned and cut; null when the answer had none. */
    public String title() {
        return title;
    }
}
