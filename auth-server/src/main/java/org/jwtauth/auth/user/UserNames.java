package org.jwtauth.auth.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One canonical form per username (trimmed, Unicode NFC, lower case), so that "Alice" and "alice"
 * can never be two accounts and a login matches whatever case the user types.
 */
public final class UserNames {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    private UserNames() {
    }

    public static String normalise(String username) {
        return Normalizer.normalize(username.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String normalised) {
        return VALID.matcher(normalised).matches();
    }
}
