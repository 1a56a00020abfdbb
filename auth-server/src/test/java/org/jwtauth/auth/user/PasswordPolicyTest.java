package org.jwtauth.auth.user;

import org.jwtauth.auth.error.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    @Test
    void eightCharactersIsEnough() {
        assertThatCode(() -> PasswordPolicy.check("bob", "12345678")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("bob", "correct horse battery staple")).doesNotThrowAnyException();
    }

    @Test
    void shorterThanEightIsRefused() {
        assertRefused("bob", "1234567", "at least 8");
        assertRefused("bob", "", "at least 8");
        assertRefused("bob", null, "at least 8");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String poo = "\uD83D\uDCA9";
        // 7 emoji are 14 UTF-16 units but only 7 characters
        assertRefused("bob", poo.repeat(7), "at least 8");
        assertThatCode(() -> PasswordPolicy.check("bob", poo.repeat(8))).doesNotThrowAnyException();
    }

    @Test
    void moreThan72BytesIsRefused() {
        assertThatCode(() -> PasswordPolicy.check("bob", "p".repeat(72))).doesNotThrowAnyException();
        assertRefused("bob", "p".repeat(73), "72 bytes");
        // 25 characters, but 75 bytes in UTF-8
        assertRefused("bob", "\u20ac".repeat(25), "72 bytes");
        assertThatCode(() -> PasswordPolicy.check("bob", "\u20ac".repeat(24))).doesNotThrowAnyException();
    }

    @Test
    void theUsernameIsNotAPassword() {
        assertRefused("frederick", "frederick", "username");
        assertRefused("frederick", "FREDERICK", "username");
        assertRefused("frederick", "  Frederick  ", "username");
        assertThatCode(() -> PasswordPolicy.check("frederick", "frederick1")).doesNotThrowAnyException();
    }

    private static void assertRefused(String username, String password, String message) {
        assertThatThrownBy(() -> PasswordPolicy.check(username, password))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.error()).isEqualTo("invalid_request");
                })
                .hasMessageContaining(message);
    }
}
