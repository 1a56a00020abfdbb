package org.jwtauth.resource.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description springdoc generates from the controllers (at {@code /v3/api-docs}, shown by
 * Swagger UI at {@code /swagger-ui.html}), completed with what the controllers do not say: which
 * endpoints need a bearer token, and the RFC 6750 challenges they answer with. Kept in one place, by
 * path, rather than as annotations on every controller: everything but {@code /api/public/**} is protected.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI resourceServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("resource-service").version("v1").description("""
                        Protected API. Access tokens from the auth server are validated offline (signature \
                        with the auth server's published key, alg, typ, exp/nbf/iat, iss, aud)."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from the auth server's POST /auth/login (RFC 6750)")));
    }

    @Bean
    OpenApiCustomizer bearerChallenges() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/public/")) {
                item.readOperations().forEach(operation -> protect(path, operation));
            }
        });
    }

    private static void protect(String path, Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        operation.getResponses().addApiResponse("401", challenge("No token: WWW-Authenticate: Bearer; an invalid or "
                + "expired one: Bearer error=\"invalid_token\", error_description=\"...\""));
        if (path.startsWith("/api/admin/")) {
            operation.getResponses().addApiResponse("403",
                    challenge("The token lacks the ADMIN role: WWW-Authenticate: Bearer error=\"insufficient_scope\""));
        }
    }

    /** RFC 6750 section 3: the answer is in the header; there is no body. */
    private static ApiResponse challenge(String description) {
        return new ApiResponse().description(description).addHeaderObject("WWW-Authenticate",
                new Header().description("RFC 6750 Bearer challenge").schema(new StringSchema()));
    }
}
