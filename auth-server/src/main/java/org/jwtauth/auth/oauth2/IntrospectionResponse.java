package org.jwtauth.auth.oauth2;

import java.util.List;

/**
 * RFC 7662 section 2.2 introspection response. An inactive token gets {@code {"active":false}} and
 * nothing else (null members are left out), so the answer says nothing about why.
 *
 * @param tokenType {@code Bearer} for access tokens; absent for refresh tokens, which are no access token type
 * @param roles     the user's roles as in the access token (this server issues roles, not scopes)
 * @param clientId  absent: tokens are not bound to a client here
 */
public record IntrospectionResponse(boolean active, String sub, String username, Long exp, Long iat, Long nbf,
                                    String iss, List<String> aud, String jti, String tokenType, List<String> roles,
                                    String clientId) {

    public static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null, null, null);
}
