package org.jwtauth.auth.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /.well-known/oauth-authorization-server (RFC 8414). */
class AuthorizationServerMetadataTest extends OAuthIntegrationTest {

    @Test
    void metadataNamesTheIssuerAndEveryEndpoint() {
        Http.Response r = http.get("/.well-known/oauth-authorization-server");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode m = r.json();
        assertThat(m.get("issuer").asText()).isEqualTo(ISSUER);
        assertThat(m.get("jwks_uri").asText()).isEqualTo(ISSUER + "/.well-known/jwks.json");
        assertThat(m.get("token_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(m.get("revocation_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/revoke");
        assertThat(m.get("introspection_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/introspect");
        assertThat(m.get("grant_types_supported")).extracting(JsonNode::asText).containsExactlyInAnyOrder("password", "refresh_token");
        assertThat(m.get("response_types_supported")).isEmpty();
        assertThat(m.get("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
        assertThat(m.get("revocation_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
        assertThat(m.get("introspection_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
    }

    @Test
    void theJwksItNamesCarriesTheSigningAlgorithm() {
        // RFC 8414 has no member for access-token signing algorithms; verifiers read each key's alg
        Http.Response jwks = http.get("/.well-known/jwks.json");
        assertThat(jwks.json().get("keys").get(0).get("alg").asText()).isEqualTo("RS256");
    }

    @Test
    void thisIsNoOpenIdProvider() {
        // no OIDC discovery document: Spring's issuer-uri support then falls back to RFC 8414
        Http.Response r = http.get("/.well-known/openid-configuration");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.field("error")).isEqualTo("not_found");
    }
}
