package org.jwtauth.auth.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserNamesTest {

    @Test
    void normaliseTrimsAndLowerCases() {
        assertThat(UserNames.normalise("Alice")).isEqualTo("alice");
        assertThat(UserNames.normalise("  ALICE\t\n")).isEqualTo("alice");
        assertThat(UserNames.normalise("\u2003alice\u2003")).isEqualTo("alice");
        assertThat(UserNames.normalise("Bob.Smith@Example.COM")).isEqualTo("bob.smith@example.com");
    }

    @Test
    void normaliseUsesNfcSoBothSpellingsOfAnAccentAreOneName() {
        String decomposed = UserNames.normalise("e\u0301");
        String composed = UserNames.normalise("\u00e9");

        assertThat(decomposed).isEqualTo(composed).isEqualTo("\u00e9");
        assertThat(UserNames.normalise("E\u0301LODIE")).isEqualTo("\u00e9lodie");
        assertThat(UserNames.normalise("\u00c9lodie")).isEqualTo(UserNames.normalise("E\u0301lodie"));
    }

    @Test
    void normaliseIsLocaleIndependent() {
        java.util.Locale previous = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertThat(UserNames.normalise("ADMIN")).isEqualTo("admin");
            assertThat(UserNames.normalise("ALICE")).isEqualTo("alice");
        } finally {
            java.util.Locale.setDefault(previous);
        }
    }

    @Test
    void normaliseIsIdempotent() {
        for (String name : new String[]{"Alice", "E\u0301lodie", " x ", "\u0130stanbul"}) {
            String once = UserNames.normalise(name);
            assertThat(UserNames.normalise(once)).isEqualTo(once);
        }
    }

    @Test
    void validNames() {
        assertThat(UserNames.isValid("a")).isTrue();
        assertThat(UserNames.isValid("alice")).isTrue();
        assertThat(UserNames.isValid("bob.smith@example.com")).isTrue();
        assertThat(UserNames.isValid("under_score-dash.dot")).isTrue();
        assertThat(UserNames.isValid("\u00e9lodie")).isTrue();
        assertThat(UserNames.isValid("\u540d\u524d")).isTrue();
        assertThat(UserNames.isValid("user123")).isTrue();
        assertThat(UserNames.isValid("x".repeat(64))).isTrue();
    }

    @Test
    void invalidNames() {
        assertThat(UserNames.isValid("")).isFalse();
        assertThat(UserNames.isValid("x".repeat(65))).isFalse();
        assertThat(UserNames.isValid("has space")).isFalse();
        assertThat(UserNames.isValid("slash/name")).isFalse();
        assertThat(UserNames.isValid("back\\slash")).isFalse();
        assertThat(UserNames.isValid("semi;colon")).isFalse();
        assertThat(UserNames.isValid("quote'")).isFalse();
        assertThat(UserNames.isValid("nul\u0000")).isFalse();
        assertThat(UserNames.isValid("new\nline")).isFalse();
        assertThat(UserNames.isValid("\u202Eevil")).isFalse();
        assertThat(UserNames.isValid("\uD83D\uDCA9")).isFalse();
        assertThat(UserNames.isValid("e\u0301")).as("a combining mark is not a letter").isFalse();
    }

    @Test
    void newNamesAreAsciiSoThatNoneLooksLikeAnother() {
        assertThat(UserNames.isAllowed("alice")).isTrue();
        assertThat(UserNames.isAllowed("bob.smith@example.com")).isTrue();
        assertThat(UserNames.isAllowed("under_score-dash.dot9")).isTrue();
        assertThat(UserNames.isAllowed("x".repeat(64))).isTrue();
        assertThat(UserNames.isAllowed("x".repeat(65))).isFalse();
        assertThat(UserNames.isAllowed("")).isFalse();
        for (String dots : new String[]{".", "..", ".alice", "-alice", "_x", "@x"}) {
            assertThat(UserNames.isAllowed(dots)).as("%s", dots).isFalse();
        }
        // each of these displays as alice or admin
        for (String lookAlike : new String[]{"\u0430lice", "alice\u3164", "\uff41\uff4c\uff49\uff43\uff45",
                "\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E", "adm\u0131n", "al\u200Bice", "\u00e9lodie"}) {
            assertThat(UserNames.isAllowed(UserNames.normalise(lookAlike))).as("%s", lookAlike).isFalse();
        }
    }
}
