package io.airspeed.users.security;

/** A verified user token that this user may no longer use as it claims (answered 403 problem). */
public class AccessRevokedException extends RuntimeException {

    private final String title;

    public AccessRevokedException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }

    public static AccessRevokedException of(AccessView.Restriction restriction) {
        return restriction == AccessView.Restriction.DEACTIVATED
                ? new AccessRevokedException("Account deactivated",
                        "This account has been deactivated; an admin of your org can reactivate it")
                : new AccessRevokedException("No longer an admin",
                        "Your token says admin, but you are no longer an admin of this org; sign in again");
    }
}
