package io.airspeed.users.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one comparison the product allows: exact after trimming and lower-casing (rule 1). */
public final class Emails {

    /** Deliberately loose (one @, a dot in the domain, no spaces inside); surrounding blanks are trimmed. */
    public static final String PATTERN = "\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Emails() {
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String email) {
        return email != null && COMPILED.matcher(email).matches();
    }
}
