package org.jwtauth.auth.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One canonical form per username (trimmed, Unicode NFC, lower case), so that "Alice" and "alice"
 * can never be two accounts and a login matches whatever case the user types.
 * <p>
 * New usernames are ASCII only ({@link #isAllowed}): lower-case letters, digits and {@code . _ @ -},
 * starting with a letter or digit (so that no name is {@code .} or {@code ..}, which no URL path can
 * carry). Letters of other scripts and compatibility forms let one name pass for another
 * ({@code \u0430lice} with a Cyrillic a, full-width {@code ａｌｉｃｅ}, mathematical {@code 𝐚𝐥𝐢𝐜𝐞}, the
 * dotless {@code adm\u0131n}, a trailing invisible {@code \u3164}): an admin reading a token, a log line
 * or {@code /api/me} would see "alice" or "admin". An allow-list needs no tables of confusables to
 * stay right; ASCII look-alikes such as {@code adm1n} remain, and are told apart by reading. Names
 * created before this rule ({@link #isValid}: letters and digits of any script) can still log in.
 */
public final class UserNames {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

    /** Shown when a new name is refused. */
    public static final String RULE = "The username must be 1 to 64 of a-z, 0-9 and . _ @ -, starting with a letter or "
            + "a digit (ASCII only, so that no letter of another script can pass for one of these)";

    private UserNames() {
    }

    public static String normalise(String username) {
        return Normalizer.normalize(username.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** Whether a normalised name may belong to an existing user, old ones included: worth looking up. */
    public static boolean isValid(String normalised) {
        return VALID.matcher(normalised).matches();
    }

    /** Whether a normalised name may be given to a new user. */
    public static boolean isAllowed(String normalised) {
        return ALLOWED.matcher(normalised).matches();
    }
}
