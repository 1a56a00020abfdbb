package org.jwtauth.auth.oauth2;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/** Form posts and HTTP Basic client credentials against the real server, as an OAuth client sends them. */
public abstract class OAuthIntegrationTest extends AbstractIntegrationTest {

    /** The demo client of application.yml. */
    public static final String CLIENT_ID = "resource-service";
    public static final String CLIENT_SECRET = "resource-service-secret";
    public static final String FORM = "application/x-www-form-urlencoded";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code name, value, name, value, ...}, form-url-encoded; the same name may repeat. */
    public static String form(String... namesAndValues) {
        StringJoiner body = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.add(enc(namesAndValues[i]) + "=" + enc(namesAndValues[i + 1]));
        }
        return body.toString();
    }

    /** RFC 6749 section 2.3.1: id and secret form-url-encoded, then HTTP Basic. */
    public static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    public static String demoClient() {
        return basic(CLIENT_ID, CLIENT_SECRET);
    }

    /** A form POST; {@code headers} as name, value pairs (e.g. Authorization). */
    protected Http.Response post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    protected Http.Response postForm(String path, String body, String... headers) {
        return post(path, FORM, body, headers);
    }

    protected Http.Response getWith(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET(), headers);
    }

    protected Http.Response introspect(String token) {
        return postForm("/oauth2/introspect", form("token", token), "Authorization", demoClient());
    }

    protected static void assertInvalidClient(Http.Response r) {
        assertOAuthError(r, 401, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic realm=\"auth-server\"");
        assertThat(r.header("Cache-Control")).contains("no-store");
    }

    protected static void assertNoStore(Http.Response r) {
        assertThat(r.header("Cache-Control")).as("Cache-Control of %s", r).contains("no-store");
    }

    private static Http.Response send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            HttpHeaders out = new HttpHeaders();
            response.headers().map().forEach(out::addAll);
            return new Http.Response(response.statusCode(), out, response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
