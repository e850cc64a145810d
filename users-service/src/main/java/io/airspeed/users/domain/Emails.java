package io.airspeed.users.domain;

import java.util.Locale;

/** The one comparison the product allows: exact after trimming and lower-casing (rule 1). */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Deliberately loose: one {@code @}, something before it, a dot in the domain with something on
     * both sides, no blanks inside; surrounding blanks are allowed (they are trimmed). Checked by
     * hand in one pass rather than by a regular expression: the former pattern
     * {@code \s*[^@\s]+@[^@\s]+\.[^@\s]+\s*} backtracked quadratically on inputs such as
     * {@code a@b.b.b…b@}, and Bean Validation runs every constraint, so a 64,000-character body
     * held the event loop for seconds.
     */
    public static boolean isValid(String email) {
        if (email == null) {
            return false;
        }
        int start = 0;
        int end = email.length();
        while (start < end && isBlank(email.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(email.charAt(end - 1))) {
            end--;
        }
        int at = -1;
        for (int i = start; i < end; i++) {
            char c = email.charAt(i);
            if (isBlank(c)) {
                return false;
            }
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at <= start) {
            return false;
        }
        // The domain needs a dot that has at least one character before it and one after it.
        for (int i = at + 2; i < end - 1; i++) {
            if (email.charAt(i) == '.') {
                return true;
            }
        }
        return false;
    }

    /** The blanks {@code \s} meant in the former pattern: space, tab, newline, vertical tab, form feed, return. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
