package org.jwtauth.token;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our resolver must answer exactly as Spring's default one: the same token, or the same error. */
class HeaderBearerTokenResolverTest {

    private final HeaderBearerTokenResolver ours = new HeaderBearerTokenResolver();
    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void aWellFormedTokenIsReturnedAsIs() {
        String token = TestTokens.b64("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}") + "." + TestTokens.b64("{\"sub\":\"alice\"}")
                + "." + TestTokens.b64(new byte[256]);
        assertThat(ours.resolve(request("Bearer " + token))).isEqualTo(token);
        assertThat(ours.resolve(request("bEARER abc=="))).isEqualTo("abc==");
    }

    @Test
    void otherSchemesAndNoHeaderGiveNoToken() {
        assertThat(ours.resolve(request(null))).isNull();
        assertThat(ours.resolve(request("Basic YWxpY2U6c2VjcmV0"))).isNull();
    }

    @Test
    void malformedBearerHeadersAreSpringsInvalidToken() {
        for (String header : new String[] {"Bearer", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer =abc", "Bearer a=b",
                "Bearer abc\n", "Bearertoken", "Bearer\tabc", "Bearer abc,"}) {
            assertThatThrownBy(() -> ours.resolve(request(header))).as(header)
                    .isInstanceOfSatisfying(OAuth2AuthenticationException.class, e -> {
                        assertThat(e.getError().getErrorCode()).isEqualTo("invalid_token");
                        assertThat(e.getError().getDescription()).isEqualTo("Bearer token is malformed");
                    });
        }
    }

    @Property(tries = 3000)
    void answersAsSpringsResolver(@ForAll("headers") String header) {
        assertThat(outcome(() -> ours.resolve(request(header)))).isEqualTo(outcome(() -> spring.resolve(request(header))));
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> scheme = Arbitraries.of("Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer", "Bearer  ",
                "Bearer\t", "Basic ", "", "Bearerx ", " Bearer ", "Beare ");
        Arbitrary<String> token = Arbitraries.strings()
                .withChars("abcXYZ019-._~+/=").withChars(" ,;:\"\\%\t\n\u00e9\u0130\u212a")
                .ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> niceToken = Arbitraries.strings().withChars("abcXYZ019-._~+/").ofMinLength(1).ofMaxLength(40)
                .flatMap(t -> Arbitraries.of("", "=", "==", "=a").map(t::concat));
        return Combinators.combine(scheme, Arbitraries.oneOf(token, niceToken)).as(String::concat);
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hello");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            return "token:" + resolve.get();
        } catch (OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }
}
