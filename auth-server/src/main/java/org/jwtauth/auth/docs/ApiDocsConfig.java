package org.jwtauth.auth.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI description springdoc generates from the controllers (at {@code /v3/api-docs}, shown by
 * Swagger UI at {@code /swagger-ui.html}), completed with what the controllers do not say: the bearer
 * scheme of the admin API and the error answers, RFC 6749 JSON bodies and RFC 6750 challenges.
 * Kept here rather than as annotations on every controller method, so that the rules live in one place.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    static final String BEARER = "bearer";
    static final String ERROR_SCHEMA = "OAuthError";

    @Bean
    OpenAPI authServerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("auth-server").version("v1").description("""
                        Issues short-lived access tokens (signed JWTs, RFC 9068) and rotating refresh tokens; \
                        publishes its public keys as a JWK Set. The admin API takes only admin tokens: a login \
                        with scope admin, by a user with the ADMIN role, checked against the database on every \
                        request."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("An admin token: POST /auth/login with \"scope\":\"admin\" (RFC 6750)")));
    }

    /** Record components in snake_case, as Spring's ObjectMapper writes them, not springdoc's own. */
    @Bean
    ModelResolver modelResolver(ObjectMapper objectMapper) {
        return new ModelResolver(objectMapper);
    }

    /** Added here rather than to the OpenAPI bean: springdoc drops schemas nothing refers to before customizers run. */
    @Bean
    OpenApiCustomizer errorResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(ERROR_SCHEMA, new ObjectSchema()
                    .description("RFC 6749 section 5.2 error")
                    .addProperty("error", new StringSchema().example("invalid_grant")
                            ._enum(List.of("invalid_request", "invalid_grant", "too_many_requests", "not_found", "conflict")))
                    .addProperty("error_description", new StringSchema().example("Invalid username or password"))
                    .required(List.of("error")));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (path.startsWith("/auth/")) {
                    describeGrantErrors(path, operation);
                } else if (path.startsWith("/admin/")) {
                    describeAdminErrors(path, method, operation);
                }
            }));
        };
    }

    private static void describeGrantErrors(String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        responses.addApiResponse("400", error(path.equals("/auth/logout")
                ? "invalid_request: missing, malformed or duplicate-key JSON"
                : "invalid_request: missing, malformed or duplicate-key JSON; invalid_grant: bad credentials, or a "
                + "refresh token that is unknown, expired, revoked or already used (which revokes its session)"));
        responses.addApiResponse("413", error("invalid_request: the body is larger than auth.http.max-body-size"));
        responses.addApiResponse("415", error("invalid_request: Content-Type must be application/json"));
        if (path.equals("/auth/login")) {
            responses.addApiResponse("429", error("too_many_requests: too many failed logins for this username or address")
                    .addHeaderObject("Retry-After", new Header().description("Seconds to wait").schema(new Schema<Integer>().type("integer"))));
        }
    }

    private static void describeAdminErrors(String path, PathItem.HttpMethod method, Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        ApiResponses responses = operation.getResponses();
        responses.addApiResponse("401", challenge("No, or an invalid or expired, access token: "
                + "WWW-Authenticate: Bearer (error=\"invalid_token\" when one was presented: not an admin token, "
                + "or its user was revoked or disabled since)"));
        responses.addApiResponse("403", challenge("The user no longer has the ADMIN role: WWW-Authenticate: Bearer error=\"insufficient_scope\""));
        if (method == PathItem.HttpMethod.POST && path.equals("/admin/users")) {
            responses.addApiResponse("400", error("invalid_request: a missing or invalid field, or a weak password"));
            responses.addApiResponse("409", error("conflict: the username is taken"));
        }
        if (path.contains("{username}")) {
            responses.addApiResponse("404", error("not_found: no such user"));
        }
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
    }

    /** RFC 6750 section 3: the answer is in the header; there is no body. */
    private static ApiResponse challenge(String description) {
        return new ApiResponse().description(description).addHeaderObject("WWW-Authenticate",
                new Header().description("RFC 6750 Bearer challenge").schema(new StringSchema()));
    }
}
