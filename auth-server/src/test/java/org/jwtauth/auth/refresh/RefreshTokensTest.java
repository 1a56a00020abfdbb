package org.jwtauth.auth.refresh;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokensTest {

    @Test
    void generatedTokensAre43Base64UrlCharacters() {
        for (int i = 0; i < 100; i++) {
            String token = RefreshTokens.generate();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(RefreshTokens.isWellFormed(token)).isTrue();
        }
    }

    @Test
    void generatedTokensAreDistinct() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(RefreshTokens.generate());
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void generatedTokensCarry256RandomBits() {
        // 43 base64url characters hold 258 bits; the last one only carries 4 data bits (its low bits are zero)
        Set<Character> lastChars = new HashSet<>();
        Set<Character> firstChars = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = RefreshTokens.generate();
            firstChars.add(token.charAt(0));
            lastChars.add(token.charAt(42));
        }
        assertThat(firstChars.size()).isGreaterThan(50);
        assertThat(lastChars.size()).isLessThanOrEqualTo(16);
    }

    @Test
    void hashIsSha256HexAndDeterministic() {
        String token = RefreshTokens.generate();

        String hash = RefreshTokens.hash(token);

        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(RefreshTokens.hash(token)).isEqualTo(hash);
        assertThat(RefreshTokens.hash(RefreshTokens.generate())).isNotEqualTo(hash);
        assertThat(hash).doesNotContain(token);
        // a known vector: SHA-256("abc")
        assertThat(RefreshTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void isWellFormedRejectsWrongLengthOrCharacters() {
        String good = "A".repeat(43);
        assertThat(RefreshTokens.isWellFormed(good)).isTrue();
        assertThat(RefreshTokens.isWellFormed("aZ09-_".repeat(7) + "x")).isTrue();

        assertThat(RefreshTokens.isWellFormed(null)).isFalse();
        assertThat(RefreshTokens.isWellFormed("")).isFalse();
        assertThat(RefreshTokens.isWellFormed("A".repeat(42))).isFalse();
        assertThat(RefreshTokens.isWellFormed("A".repeat(44))).isFalse();
        assertThat(RefreshTokens.isWellFormed("A".repeat(10_000))).isFalse();
        for (char bad : new char[]{'+', '/', '=', ' ', '.', '\n', '\u0000', '\u00e9', '\uD800', '%'}) {
            assertThat(RefreshTokens.isWellFormed("A".repeat(42) + bad)).as("char U+%04X", (int) bad).isFalse();
            assertThat(RefreshTokens.isWellFormed(bad + "A".repeat(42))).as("char U+%04X", (int) bad).isFalse();
        }
        // 43 UTF-16 units but not 43 ASCII characters
        assertThat(RefreshTokens.isWellFormed("\uD83D\uDCA9" + "A".repeat(41))).isFalse();
    }
}
