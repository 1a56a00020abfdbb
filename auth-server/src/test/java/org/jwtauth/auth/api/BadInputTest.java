package org.jwtauth.auth.api;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, the answer is a clear RFC 6749 error body, never a 500 or a stack trace.
 * These tests fail many logins of alice from one address on purpose, so the brute-force throttle is
 * set high enough not to answer 429 in between (it still counts, junk usernames included);
 * LoginThrottleTest covers the throttle itself.
 */
@TestPropertySource(properties = {
        "auth.login-throttle.max-failures-per-user=1000",
        "auth.login-throttle.max-failures-per-address=1000"})
class BadInputTest extends AbstractIntegrationTest {

    private static final String TEN_KB = "x".repeat(10 * 1024);

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"username\":",                       // truncated
            "{username: alice}",                    // not JSON
            "[]",                                   // array instead of object
            "[{\"username\":\"alice\",\"password\":\"alice-password\"}]",
            "\"alice\"",                            // a JSON string
            "42",
            "null",
            "{\"username\":{\"a\":1},\"password\":\"alice-password\"}",   // wrong type
            "{\"username\":\"alice\",\"password\":[\"alice-password\"]}",
            "{\"username\":\"alice\",\"password\":\"alice-password\"",    // missing brace
    })
    void malformedJsonIsInvalidRequest(String body) {
        Http.Response r = http.postJson("/auth/login", body);

        assertClientError(r, 400, "invalid_request");
    }

    @Test
    void emptyBodyIsInvalidRequest() {
        assertClientError(http.postJson("/auth/login", ""), 400, "invalid_request");
        assertClientError(http.send(HttpMethod.POST, "/auth/login", MediaType.APPLICATION_JSON, null, null), 400, "invalid_request");
        assertClientError(http.postJson("/auth/refresh", ""), 400, "invalid_request");
        assertClientError(http.postJson("/auth/logout", ""), 400, "invalid_request");
    }

    @Test
    void missingUsernameOrPasswordNamesTheField() {
        Http.Response noUsername = http.postJson("/auth/login", Map.of("password", ALICE_PASSWORD));
        assertClientError(noUsername, 400, "invalid_request");
        assertThat(noUsername.field("error_description")).contains("username");

        Http.Response noPassword = http.postJson("/auth/login", Map.of("username", ALICE));
        assertClientError(noPassword, 400, "invalid_request");
        assertThat(noPassword.field("error_description")).contains("password");

        assertClientError(http.postJson("/auth/login", "{}"), 400, "invalid_request");
        assertClientError(http.postJson("/auth/login", "{\"username\":null,\"password\":null}"), 400, "invalid_request");
    }

    @Test
    void blankFieldsAreInvalidRequest() {
        assertClientError(http.postJson("/auth/login", Map.of("username", "", "password", ALICE_PASSWORD)), 400, "invalid_request");
        assertClientError(http.postJson("/auth/login", Map.of("username", "   ", "password", ALICE_PASSWORD)), 400, "invalid_request");
        assertClientError(http.postJson("/auth/login", Map.of("username", ALICE, "password", "")), 400, "invalid_request");
        assertClientError(http.postJson("/auth/login", Map.of("username", ALICE, "password", " \t ")), 400, "invalid_request");
    }

    @Test
    void wrongContentTypeIs415() {
        String json = Http.json(Map.of("username", ALICE, "password", ALICE_PASSWORD));

        assertClientError(http.send(HttpMethod.POST, "/auth/login", MediaType.TEXT_PLAIN, json, null), 415, "invalid_request");
        assertClientError(http.send(HttpMethod.POST, "/auth/login", MediaType.APPLICATION_FORM_URLENCODED,
                "username=alice&password=alice-password", null), 415, "invalid_request");
        assertClientError(http.send(HttpMethod.POST, "/auth/login", MediaType.APPLICATION_XML,
                "<login/>", null), 415, "invalid_request");
        assertClientError(http.send(HttpMethod.POST, "/auth/refresh", MediaType.TEXT_PLAIN, "{}", null), 415, "invalid_request");
    }

    @Test
    void jsonWithCharsetParameterIsAccepted() {
        Http.Response r = http.send(HttpMethod.POST, "/auth/login", MediaType.parseMediaType("application/json;charset=UTF-8"),
                Http.json(Map.of("username", ALICE, "password", ALICE_PASSWORD)), null);

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void wrongMethodIs405() {
        assertClientError(http.get("/auth/login"), 405, "invalid_request");
        assertClientError(http.send(HttpMethod.PUT, "/auth/login", MediaType.APPLICATION_JSON, "{}", null), 405, "invalid_request");
        assertClientError(http.get("/auth/refresh"), 405, "invalid_request");
        assertClientError(http.send(HttpMethod.DELETE, "/auth/logout", null, null, null), 405, "invalid_request");
    }

    @Test
    void hugePasswordIsRefusedCleanly() {
        Http.Response r = http.postJson("/auth/login", Map.of("username", ALICE, "password", TEN_KB));

        assertClientError(r, 400, "invalid_request");
        assertThat(r.body()).doesNotContain(TEN_KB.substring(0, 100));
    }

    @Test
    void hugeUsernameIsRefusedCleanly() {
        assertClientError(http.postJson("/auth/login", Map.of("username", TEN_KB, "password", ALICE_PASSWORD)), 400, "invalid_request");
    }

    @Test
    void passwordsLongerThanBcryptReadsAreNeverAccepted() {
        // BCrypt reads only 72 bytes: the right password followed by anything must still be refused.
        String longPassword = ALICE_PASSWORD + "x".repeat(100);
        assertClientError(loginResponse(ALICE, longPassword), 400, "invalid_grant");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "alice\u0000",
            "\uD83D\uDCA9\uD83D\uDCA9",        // emoji
            "\uD800",                          // lone high surrogate
            "\uDFFF alice",                    // lone low surrogate
            "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",   // stacked combining marks
            "\u202Eecila",                     // right-to-left override
            "\u00A0",                          // no-break space only
            "\u2003\u2003",                    // em spaces only (blank after strip)
            "\uFEFFalice",                     // byte order mark
            "ǅ\u0130\u00DF",                   // title case, dotted I, sharp s
            "\\\"'; DROP TABLE users; --",
    })
    void unicodeJunkInUsernameIsInvalidGrant(String username) {
        Http.Response r = loginResponse(username, "some-password-\uD800-\u0000-\uD83D\uDCA9");

        assertClientError(r, 400, "invalid_grant");
    }

    @Test
    void controlCharactersOnlyCountAsBlank() {
        // Bean Validation's @NotBlank trims everything up to U+0020, control characters included
        assertClientError(loginResponse("\u0000", ALICE_PASSWORD), 400, "invalid_request");
        assertClientError(loginResponse(ALICE, "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"), 400, "invalid_request");
    }

    @Test
    void unicodeJunkInPasswordIsInvalidGrant() {
        for (String password : List.of("\uD800\uD800\uD800",
                "alice-password\u0000", "ａｌｉｃｅ-password", "\uD83D\uDCA9".repeat(18), "\uD83D\uDCA9".repeat(19))) {
            assertClientError(loginResponse(ALICE, password), 400, "invalid_grant");
        }
        // the seeded users still work afterwards
        login(ALICE, ALICE_PASSWORD);
    }

    @Test
    void unknownFieldsAreIgnored() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", ALICE);
        body.put("password", ALICE_PASSWORD);
        body.put("grant_type", "password");
        body.put("nested", List.of("x"));

        assertThat(http.postJson("/auth/login", body).status()).isEqualTo(200);
    }

    @Test
    void refreshWithMissingFieldIsInvalidRequest() {
        Http.Response r = http.postJson("/auth/refresh", "{}");
        assertClientError(r, 400, "invalid_request");
        assertThat(r.field("error_description")).contains("refresh_token");

        // camelCase is not the wire format
        assertClientError(http.postJson("/auth/refresh", "{\"refreshToken\":\"" + "a".repeat(43) + "\"}"), 400, "invalid_request");
        assertClientError(http.postJson("/auth/refresh", Map.of("refresh_token", " ")), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "not a token at all, with spaces and ümlauts",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",     // well formed, unknown
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",     // right length, padding char
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",     // right length, base64 (not url) char
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",      // a JWT is not a refresh token
            "\uD800\u0000'--",
    })
    void refreshWithGarbageTokenIsInvalidGrant(String token) {
        assertClientError(refresh(token), 400, "invalid_grant");
    }

    @Test
    void refreshWithHugeTokenIsRefusedCleanly() {
        Http.Response r = refresh(TEN_KB);

        assertClientError(r, 400, "invalid_request");
        assertThat(r.body()).doesNotContain(TEN_KB.substring(0, 100));
        assertClientError(http.postJson("/auth/logout", Map.of("refresh_token", TEN_KB)), 400, "invalid_request");
    }

    @Test
    void refreshWithNonStringTokenIsInvalidRequest() {
        assertClientError(http.postJson("/auth/refresh", "{\"refresh_token\":{\"a\":1}}"), 400, "invalid_request");
        assertClientError(http.postJson("/auth/refresh", "{\"refresh_token\":[\"x\"]}"), 400, "invalid_request");
    }

    @Test
    void unknownPathUnderAuthIs404() {
        assertClientError(http.postJson("/auth/nope", "{}"), 404, "not_found");
        assertClientError(http.get("/auth/nope"), 404, "not_found");
        assertClientError(http.get("/.well-known/nope"), 404, "not_found");
    }

    @Test
    void unknownPathElsewhereIsDeniedWithoutServerError() {
        // Everything outside the known areas is denied before routing: 401 with an RFC 6750 challenge.
        for (String path : List.of("/", "/nope", "/actuator/env", "/h2-console", "/admin/nope/deeper")) {
            Http.Response r = http.get(path);
            assertThat(r.status()).as("GET %s", path).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).as("GET %s", path).startsWith("Bearer");
        }
    }

    @Test
    void unacceptableAcceptHeaderIsNotAServerError() {
        Http.Response r = sendWithAccept("text/html");
        assertThat(r.status()).isEqualTo(406);
        assertThat(r.field("error")).isEqualTo("invalid_request");
        assertThat(r.body()).doesNotContain("Exception");
    }

    private Http.Response sendWithAccept(String accept) {
        var client = org.springframework.web.client.RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(
                        java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()))
                .build();
        return client.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("Accept", accept)
                .body(Http.json(Map.of("username", ALICE, "password", ALICE_PASSWORD)).getBytes())
                .exchange((req, res) -> new Http.Response(res.getStatusCode().value(), res.getHeaders(),
                        new String(res.getBody().readAllBytes())));
    }

    /** The status, the RFC 6749 error code, a description, and nothing a framework would leak. */
    private static void assertClientError(Http.Response r, int status, String error) {
        assertOAuthError(r, status, error);
        assertThat(r.json().size()).as("only error and error_description in %s", r).isEqualTo(2);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("trace").doesNotContain("org.springframework");
    }
}
