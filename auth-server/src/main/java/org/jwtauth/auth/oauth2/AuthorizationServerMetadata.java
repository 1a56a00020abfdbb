package org.jwtauth.auth.oauth2;

import java.util.List;

/** RFC 8414 section 2 authorization server metadata (snake_case on the wire). */
public record AuthorizationServerMetadata(
        String issuer,
        String jwksUri,
        String tokenEndpoint,
        List<String> tokenEndpointAuthMethodsSupported,
        List<String> grantTypesSupported,
        List<String> responseTypesSupported,
        String revocationEndpoint,
        List<String> revocationEndpointAuthMethodsSupported,
        String introspectionEndpoint,
        List<String> introspectionEndpointAuthMethodsSupported) {
}
