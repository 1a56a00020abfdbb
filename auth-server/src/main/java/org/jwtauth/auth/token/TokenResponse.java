package org.jwtauth.auth.token;

/**
 * RFC 6749 section 5.1 token response (snake_case on the wire), with the refresh token's lifetime too.
 * {@code scope} is present when a scope was granted (and left out, as null, for the default).
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                            long refreshExpiresIn, String scope) {

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", refreshExpiresIn=" + refreshExpiresIn + ", scope=" + scope + "]";
    }
}
