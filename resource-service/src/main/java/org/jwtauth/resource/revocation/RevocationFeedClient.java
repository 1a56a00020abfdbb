package org.jwtauth.resource.revocation;

import org.jwtauth.resource.http.BoundedHttp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** Fetches one page of the revocation feed, authenticated with HTTP Basic (RFC 6749 section 2.3.1). */
final class RevocationFeedClient {

    private final URI uri;
    private final String authorization;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final HttpClient http;

    RevocationFeedClient(URI uri, String clientId, String clientSecret, Duration timeout, int maxResponseBytes) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.authorization = basic(clientId, clientSecret);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxResponseBytes = maxResponseBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                // A redirect could carry the credentials to another host.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI uri() {
        return uri;
    }

    /**
     * @param since the earliest revocation time wanted; null leaves the range to the server (the last
     *              access-token lifetime, which is all that matters after a restart)
     * @throws IOException with a short description fit for logs and health details
     */
    RevocationFeedAnswer fetch(Instant since) throws IOException, InterruptedException {
        URI target = since == null ? uri : URI.create(uri + "?since=" + since.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .GET()
                .build();
        HttpResponse<byte[]> response = BoundedHttp.send(http, request, maxResponseBytes, timeout);
        return switch (response.statusCode()) {
            case 200 -> RevocationFeedAnswer.parse(response.body());
            case 401 -> throw new IOException("the auth server rejected the client credentials (HTTP 401 invalid_client); "
                    + "check resource.revocation-feed.client-id and client-secret");
            default -> throw new IOException("HTTP status " + response.statusCode());
        };
    }

    /** The id and secret are form-urlencoded before base64, as RFC 6749 section 2.3.1 requires. */
    private static String basic(String clientId, String clientSecret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RevocationFeedClient[" + uri + "]"; // never the Authorization header
    }
}
