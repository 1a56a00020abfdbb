package org.jwtauth.token;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver} as configured by default (the token only from
 * the {@code Authorization} header, never from a query or form parameter), with the well-formed case
 * checked by a loop instead of its regex {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} (case-insensitive):
 * that regex over a token of some 700 characters cost a protected request more than the rest of
 * token resolution (BENCHMARKS.md, third pass). A header that is "Bearer " (any case) and an RFC 6750
 * b64token gives its token here; everything else (no header, another scheme, a malformed token) goes
 * to Spring's resolver, so the answers and errors are Spring's (tested against it).
 */
public final class HeaderBearerTokenResolver implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && isB64Token(header, SCHEME.length())) {
            return header.substring(SCHEME.length());
        }
        return spring.resolve(request);
    }

    /** RFC 6750 §2.1: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}, from {@code start} to the end. */
    static boolean isB64Token(String s, int start) {
        int i = start;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return i == s.length();
    }

    private static boolean isTokenChar(char c) {
        return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
    }

    /**
     * A table rather than a chain of range checks: token characters are random letters and digits,
     * so the chain's branches were mispredicted on most of the ~700 characters of every bearer header.
     */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (char c = 0; c < TOKEN_CHARS.length; c++) {
            TOKEN_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }
}
