package org.jwtauth.auth.hardening;

import org.jwtauth.auth.AbstractIntegrationTest;
import org.jwtauth.auth.Http;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jwtauth.auth.hardening.SecurityHeadersAssertions.assertSecurityHeaders;

/**
 * Request bodies above {@code auth.http.max-body-size} (16 KiB) get 413 with an RFC 6749 body before
 * they are read, whether their length is declared or they come chunked; smaller ones work as before.
 */
class RequestBodyLimitTest extends AbstractIntegrationTest {

    static final int LIMIT = 16 * 1024;
    static final String TOO_LARGE = "{\"error\":\"invalid_request\",\"error_description\":\"The request body is too large\"}";

    /** A valid login for alice, padded with an unknown (ignored) field to exactly {@code size} bytes. */
    static String paddedLogin(int size) {
        String prefix = "{\"username\":\"alice\",\"password\":\"alice-password\",\"padding\":\"";
        String json = prefix + "x".repeat(size - prefix.length() - 2) + "\"}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return json;
    }

    /** A refresh with an unknown refresh token, padded the same way: processed, it is invalid_grant. */
    static String paddedRefresh(int size) {
        String prefix = "{\"refresh_token\":\"" + "A".repeat(43) + "\",\"padding\":\"";
        return prefix + "x".repeat(size - prefix.length() - 2) + "\"}";
    }

    static void assertTooLarge(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(413);
        assertThat(r.body()).isEqualTo(TOO_LARGE);
        assertThat(r.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
        assertThat(r.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertSecurityHeaders(r);
    }

    @Test
    void seventeenKibibytesOfJsonIs413() {
        assertTooLarge(http.postJson("/auth/login", paddedLogin(17 * 1024)));
        assertTooLarge(http.postJson("/auth/refresh", paddedRefresh(17 * 1024)));
        assertTooLarge(http.postJson("/auth/logout", paddedRefresh(17 * 1024)));
    }

    @Test
    void fifteenKibibytesAreProcessedNormally() {
        Http.Response login = http.postJson("/auth/login", paddedLogin(15 * 1024));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(login.field("access_token")).isNotBlank();

        Http.Response refresh = http.postJson("/auth/refresh", paddedRefresh(15 * 1024));
        assertOAuthError(refresh, 400, "invalid_grant");
    }

    @Test
    void theLimitIsInclusive() {
        assertOAuthError(http.postJson("/auth/refresh", paddedRefresh(LIMIT)), 400, "invalid_grant");
        assertTooLarge(http.postJson("/auth/refresh", paddedRefresh(LIMIT + 1)));
    }

    @Test
    void theAdminApiIsCoveredToo() {
        String admin = adminToken();
        String body = "{\"username\":\"bob\",\"password\":\"bob-password-1\",\"roles\":[\"USER\"],\"padding\":\""
                + "x".repeat(LIMIT) + "\"}";

        assertTooLarge(http.postJson("/admin/users", body, admin));
        assertTooLarge(http.postJson("/admin/users", body));
    }

    @Test
    void chunkedOversizedBodyIs413NotA500() throws Exception {
        for (int size : new int[] {LIMIT + 1, 17 * 1024, 256 * 1024, 1024 * 1024}) {
            CountingBody body = new CountingBody(paddedRefresh(size));
            HttpResponse<String> r = send(chunked("/auth/refresh", body));

            assertThat(r.statusCode()).as("chunked %d bytes: %s", size, r.body()).isEqualTo(413);
            assertThat(r.body()).isEqualTo(TOO_LARGE);
            assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }

    @Test
    void chunkedBodyWithinTheLimitIsProcessedNormally() throws Exception {
        HttpResponse<String> login = send(chunked("/auth/login", new CountingBody(paddedLogin(15 * 1024))));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("access_token");

        HttpResponse<String> refresh = send(chunked("/auth/refresh", new CountingBody(paddedRefresh(LIMIT))));
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(Http.JSON.readTree(refresh.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsSent() throws Exception {
        // With Expect: 100-continue a client waits for the go-ahead before it sends the body. The server
        // answers 413 at once instead, so not one byte of the announced 8 MiB has to travel. (A raw
        // socket: the JDK 17 HttpClient waits forever when the answer to Expect is not 100.)
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /auth/refresh HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (8 * 1024 * 1024) + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue").endsWith(TOO_LARGE);
            assertThat(response.toLowerCase()).contains("connection: close", "content-security-policy:");
        }
    }

    private HttpRequest chunked(String path, CountingBody body) {
        // An InputStream publisher has no length, so the client sends Transfer-Encoding: chunked.
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request body that counts how much of it the client actually read (and so sent). */
    static final class CountingBody extends InputStream {
        final AtomicLong read = new AtomicLong();
        final long length;
        private final ByteArrayInputStream in;

        CountingBody(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            this.length = bytes.length;
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                read.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, len);
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }
    }
}
