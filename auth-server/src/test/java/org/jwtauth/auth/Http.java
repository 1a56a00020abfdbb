package org.jwtauth.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Real HTTP against the running server through {@link RestClient}; never throws on an error status,
 * so tests can look at every status, header and body exactly as a client would see them.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes every non-ASCII character as a JSON unicode escape, so that even lone surrogates
     * reach the server exactly as the test wrote them rather than as replacement characters.
     */
    private static final ObjectWriter WRITER = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private final RestClient client;

    public Http(int port) {
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory(jdk))
                .build();
    }

    /** What came back: status, headers and the raw body. */
    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Response body is not JSON (status " + status + "): " + body, e);
            }
        }

        public String field(String name) {
            JsonNode node = json().get(name);
            return node == null || node.isNull() ? null : node.asText();
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers + " " + body;
        }
    }

    public static String json(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Response postJson(String path, Object body) {
        return send(HttpMethod.POST, path, MediaType.APPLICATION_JSON, body instanceof String s ? s : json(body), null);
    }

    public Response postJson(String path, Object body, String bearer) {
        return send(HttpMethod.POST, path, MediaType.APPLICATION_JSON, body instanceof String s ? s : json(body), bearer);
    }

    public Response get(String path) {
        return send(HttpMethod.GET, path, null, null, null);
    }

    public Response get(String path, String bearer) {
        return send(HttpMethod.GET, path, null, null, bearer);
    }

    /**
     * @param contentType null for no Content-Type header
     * @param body        null for no body
     * @param bearer      null for no Authorization header
     */
    public Response send(HttpMethod method, String path, MediaType contentType, String body, String bearer) {
        RestClient.RequestBodySpec spec = client.method(method).uri(path);
        if (contentType != null) {
            spec = spec.contentType(contentType);
        }
        if (bearer != null) {
            spec = spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        }
        if (body != null) {
            spec = spec.body(body.getBytes(StandardCharsets.UTF_8));
        }
        return spec.exchange((request, response) -> {
            byte[] bytes;
            try {
                bytes = response.getBody().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Response(response.getStatusCode().value(), response.getHeaders(),
                    new String(bytes, StandardCharsets.UTF_8));
        });
    }
}
