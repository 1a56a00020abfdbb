package org.jwtauth.auth.user;

import org.jwtauth.auth.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Rules for new passwords. BCrypt reads only the first 72 bytes, so longer ones are refused outright. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    public static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ApiException.invalidRequest("The password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.invalidRequest("The password must not be longer than " + MAX_BYTES + " bytes");
        }
        if (password.strip().toLowerCase(Locale.ROOT).equals(username)) {
            throw ApiException.invalidRequest("The password must not be the username");
        }
    }
}
