package org.jwtauth.token;

/** Something that turns a bearer token into a validated access token, or refuses it. */
@FunctionalInterface
public interface AccessTokenVerifier {

    /**
     * @throws InvalidAccessTokenException with a client-safe description when the token is not acceptable
     */
    ValidatedAccessToken validate(String token);
}
