package org.jwtauth.resource.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.VerificationKey;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server standing in for the auth server's JWK Set endpoint; counts the fetches it serves. */
public final class JwksTestServer implements AutoCloseable {

    public static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<VerificationKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile String bodyOverride;
    private volatile Duration delay = Duration.ZERO;

    private JwksTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
    }

    public static JwksTestServer start(TestKey... initialKeys) {
        try {
            JwksTestServer s = new JwksTestServer();
            for (TestKey key : initialKeys) {
                s.addKey(key);
            }
            s.server.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String body = bodyOverride != null ? bodyOverride : JwkKeys.toJwkSetJson(keys);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    public int requests() {
        return requests.get();
    }

    public void addKey(TestKey key) {
        keys.add(key.verificationKey());
    }

    public void removeKey(TestKey key) {
        keys.removeIf(k -> k.kid().equals(key.kid()));
    }

    /** Serve this body with this status instead of the key set; null restores normal service. */
    public void respondWith(int status, String body) {
        this.status = body == null ? 200 : status;
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
