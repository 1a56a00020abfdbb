package org.jwtauth.interop;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A stock Spring Boot resource server that knows nothing about us but
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}: Boot's auto-configuration discovers
 * the JWKS through our RFC 8414 metadata and secures every request. Outside {@code org.jwtauth.auth},
 * so the auth server's component scan never sees it.
 * <p>
 * The two beans are the minimal setting our RFC 9068 tokens need: Spring's Nimbus decoder accepts
 * only {@code typ: JWT} (or none) by default, so its check is switched off and replaced by Spring's
 * own validator for {@code at+jwt}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@Import(IssuerUriResourceServer.WhoAmI.class)
public class IssuerUriResourceServer {

    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer acceptAccessTokenType() {
        return builder -> builder.validateType(false);
    }

    @Bean
    OAuth2TokenValidator<Jwt> requireAccessTokenType() {
        return new JwtTypeValidator("at+jwt");
    }

    @RestController
    static class WhoAmI {
        @GetMapping("/whoami")
        Map<String, Object> whoami(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("sub", jwt.getSubject(), "username", jwt.getClaimAsString("preferred_username"));
        }
    }
}
