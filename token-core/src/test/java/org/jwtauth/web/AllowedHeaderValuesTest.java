package org.jwtauth.web;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedHeaderValuesTest {

    private static final AllowedHeaderValues LOOP = new AllowedHeaderValues();

    @Test
    void answersAsSpringsRegexForEveryCodePoint() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String s = new String(Character.toChars(codePoint));
            String inText = "ab" + s + "cd";
            assertThat(LOOP.test(s)).as("U+%04X", codePoint).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
            assertThat(LOOP.test(inText)).as("U+%04X in text", codePoint)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(inText));
        }
    }

    @Property(tries = 2000)
    void answersAsSpringsRegexForAnyString(@ForAll String value) {
        assertThat(LOOP.test(value)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value));
    }

    @Test
    void loneSurrogatesAndSurrogatePairsAnswerAsTheRegex() {
        for (String s : new String[] {"\uD800", "x\uDC00y", "\uD83D\uDE00", "\uDE00\uD83D", "", "\t", "a\tb", "\u0085", "\u007f"}) {
            assertThat(LOOP.test(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
        }
    }

    @Test
    void theFirewallStillRejectsControlCharactersInHeaderValues() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hello");
        request.addHeader("Authorization", "Bearer abc\u0000def");
        request.addHeader("X-Ok", "Bearer abc.def-ghi_~+/==");
        var firewalled = AllowedHeaderValues.strictFirewall().getFirewalledRequest(request);

        assertThat(firewalled.getHeader("X-Ok")).isEqualTo("Bearer abc.def-ghi_~+/==");
        assertThatThrownBy(() -> firewalled.getHeader("Authorization")).isInstanceOf(RequestRejectedException.class);
    }
}
