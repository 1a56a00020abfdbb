package org.jwtauth.auth.oauth2;

import org.jwtauth.auth.Http;
import org.jwtauth.interop.IssuerUriResourceServer;
import org.jwtauth.token.FreePorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Interoperability: Spring Security's own resource server, given nothing but our issuer URI, finds
 * the keys through the RFC 8414 metadata and accepts our access tokens. For that the issuer must be
 * this test server's real address, so the port is picked up front rather than by Spring.
 */
class IssuerInteropTest extends OAuthIntegrationTest {

    private static final int PORT = FreePorts.next();
    private static final String LOCAL_ISSUER = "http://localhost:" + PORT;

    @DynamicPropertySource
    static void issuerOnThisPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("auth.issuer", () -> LOCAL_ISSUER);
    }

    @BeforeEach
    void realTime() {
        // Spring's validators use the system clock; our tokens must be issued now, not at the test clock's 2030.
        clock.setInstant(Instant.now());
    }

    @Test
    void theMetadataIssuerIsTheConfiguredIssuer() {
        assertThat(port).isEqualTo(PORT);
        assertThat(http.get("/.well-known/oauth-authorization-server").field("issuer")).isEqualTo(LOCAL_ISSUER);
    }

    @Test
    void springsIssuerLocationDecoderAcceptsOurTokensOnceItAcceptsTheAtJwtType() {
        String token = accessToken(ALICE, ALICE_PASSWORD);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(LOCAL_ISSUER).validateType(false).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(LOCAL_ISSUER),
                new JwtTypeValidator("at+jwt")));

        Jwt jwt = decoder.decode(token);

        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo(ALICE);
        assertThat(jwt.getSubject()).isEqualTo(introspect(token).field("sub"));
        assertThat(jwt.getIssuer().toString()).isEqualTo(LOCAL_ISSUER);
        // and it still checks signatures
        assertThatThrownBy(() -> decoder.decode(token.substring(0, token.length() - 4) + "AAAA")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void withoutThatSettingSpringRefusesTheAtJwtType() {
        // Documents why the README's one setting is needed: Nimbus accepts only typ JWT by default.
        JwtDecoder decoder = JwtDecoders.fromIssuerLocation(LOCAL_ISSUER);
        String token = accessToken(ALICE, ALICE_PASSWORD);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class).hasMessageContaining("typ");
    }

    @Test
    void aStockBootResourceServerConfiguredWithOnlyTheIssuerUriAcceptsOurTokens() {
        try (var resourceServer = (ServletWebServerApplicationContext) new SpringApplicationBuilder(IssuerUriResourceServer.class)
                .properties("spring.config.name=issuer-uri-resource-server", "server.port=0", "spring.main.banner-mode=off",
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + LOCAL_ISSUER)
                .run()) {
            Http rs = new Http(resourceServer.getWebServer().getPort());
            String token = accessToken(ALICE, ALICE_PASSWORD);

            Http.Response ok = rs.get("/whoami", token);
            assertThat(ok.status()).as("%s", ok).isEqualTo(200);
            assertThat(ok.field("username")).isEqualTo(ALICE);
            assertThat(ok.field("sub")).isEqualTo(introspect(token).field("sub"));

            assertThat(rs.get("/whoami").status()).isEqualTo(401);
            Http.Response forged = rs.get("/whoami", token.substring(0, token.length() - 4) + "AAAA");
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.header("WWW-Authenticate")).contains("invalid_token");
            // a refresh token is no access token
            assertThat(rs.get("/whoami", login(ALICE, ALICE_PASSWORD).get("refresh_token").asText()).status()).isEqualTo(401);
        }
    }
}
