package org.jwtauth.resource.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A real HTTP server standing in for the auth server's {@code GET /auth/revocations}, with the agreed
 * wire format: HTTP Basic client authentication (401 {@code invalid_client} otherwise), {@code since}
 * in epoch seconds (400 {@code invalid_request} when malformed), and
 * {@code {"revocations":[{"sub","revoked_at"}],"as_of"}}. Records the {@code since} of every request.
 */
public final class RevocationFeedTestServer implements AutoCloseable {

    public static final String PATH = "/auth/revocations";
    public static final String CLIENT_ID = "resource-service";
    public static final String CLIENT_SECRET = "resource-service-secret";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Supplier<Instant> clock;
    private final Map<String, Long> revokedAt = new ConcurrentHashMap<>();
    /** The since parameter of each authenticated request, "" when absent. */
    private final List<String> sinceParameters = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String bodyOverride;
    private volatile Duration delay = Duration.ZERO;

    private RevocationFeedTestServer(Supplier<Instant> clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
    }

    /** @param clock the auth server's "now", for as_of */
    public static RevocationFeedTestServer start(Supplier<Instant> clock) {
        try {
            RevocationFeedTestServer s = new RevocationFeedTestServer(clock);
            s.server.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!expectedAuthorization().equals(authorization)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"auth-server\"");
                respond(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String since = query == null ? "" : query.replaceFirst("^since=", "");
            sinceParameters.add(since);
            if (bodyOverride != null) {
                respond(exchange, status, bodyOverride);
                return;
            }
            if (!since.isEmpty() && !since.matches("\\d{1,18}")) {
                respond(exchange, 400, "{\"error\":\"invalid_request\"}");
                return;
            }
            long from = since.isEmpty() ? 0 : Long.parseLong(since);
            String entries = revokedAt.entrySet().stream()
                    .filter(e -> e.getValue() >= from)
                    .map(e -> "{\"sub\":\"" + e.getKey() + "\",\"revoked_at\":" + e.getValue() + "}")
                    .collect(Collectors.joining(","));
            respond(exchange, 200, "{\"revocations\":[" + entries + "],\"as_of\":" + clock.get().getEpochSecond() + "}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String expectedAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** As the auth server does when an admin revokes the user: the latest time per user. */
    public void revoke(String subject, Instant at) {
        revokedAt.put(subject, at.getEpochSecond());
    }

    public List<String> sinceParameters() {
        return List.copyOf(sinceParameters);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Every request, authenticated or not. */
    public int requests() {
        return authorizations.size();
    }

    /** Serve this body with this status (after authentication) instead of the feed; null restores normal service. */
    public void respondWith(int status, String body) {
        this.status = status;
        this.bodyOverride = body;
    }

    public void delay(Duration delay) {
        this.delay = delay;
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
