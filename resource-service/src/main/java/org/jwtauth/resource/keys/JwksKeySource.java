package org.jwtauth.resource.keys;

import org.jwtauth.resource.http.BoundedHttp;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.VerificationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The auth server's public keys, fetched from its JWK Set and cached in memory so that tokens are
 * validated offline.
 * <p>
 * A token with an unknown {@code kid} (the auth server rotated its key) triggers a re-fetch, but at
 * most one fetch happens per {@code minRefetchInterval}, whatever triggered it: otherwise a flood of
 * tokens with random kids would turn this service into a load generator against the auth server.
 * A failed, oversized or unparseable response keeps the last good keys, so validation keeps working
 * while the auth server is down.
 * <p>
 * Thread-safe: lookups of known kids never block; unknown-kid lookups that arrive during a fetch
 * wait for it (bounded by the fetch timeout) and then see its result.
 */
public final class JwksKeySource implements InspectableKeySource {

    private static final Logger log = LoggerFactory.getLogger(JwksKeySource.class);

    /** A JWK Set with a handful of keys is a few KiB; anything far larger is not ours. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    static final Duration COLD_RETRY_INTERVAL = Duration.ofSeconds(2);

    private final URI jwksUri;
    private final Duration timeout;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private final HttpClient http;
    private final ReentrantLock fetchLock = new ReentrantLock();

    // Replaced wholesale (immutable map), so readers need no lock.
    private volatile Map<String, VerificationKey> keys = Map.of();
    private volatile Instant lastSuccessfulFetch;
    private volatile Instant nextFetchAllowedAt = Instant.MIN;

    public JwksKeySource(URI jwksUri, Duration timeout, Duration minRefetchInterval, Clock clock) {
        this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        String scheme = jwksUri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("resource.jwks-uri must be an http(s) URL, got " + jwksUri);
        }
        this.timeout = requirePositive(timeout, "timeout");
        this.minRefetchInterval = requirePositive(minRefetchInterval, "minRefetchInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Fetches the keys once at startup. An unreachable auth server is logged, not fatal: the first
     * token with an unknown kid retries after {@link #COLD_RETRY_INTERVAL}.
     */
    public void loadInitialKeys() {
        refetchIfDue("startup");
    }

    @Override
    public Optional<VerificationKey> find(String kid) {
        if (kid == null) {
            // Our issuer always names its key; a token without kid cannot justify a fetch.
            return Optional.empty();
        }
        VerificationKey key = keys.get(kid);
        if (key == null) {
            refetchIfDue("a token names an unknown key id");
            key = keys.get(kid);
        }
        return Optional.ofNullable(key);
    }

    /** Fetches when no keys are held, at most once per cold-retry interval (see {@link #refetchIfDue}). */
    @Override
    public void loadIfEmpty() {
        if (keys.isEmpty()) {
            refetchIfDue("no keys yet");
        }
    }

    @Override
    public List<String> keyIds() {
        return keys.keySet().stream().sorted().toList();
    }

    @Override
    public Optional<Instant> lastSuccessfulFetch() {
        return Optional.ofNullable(lastSuccessfulFetch);
    }

    private void refetchIfDue(String reason) {
        if (!fetchDue()) {
            return; // lock-free fast path for floods of unknown kids
        }
        fetchLock.lock();
        try {
            if (!fetchDue()) {
                return; // another thread fetched while we waited for the lock
            }
            Instant started = clock.instant();
            try {
                log.info("Fetching JWK Set from {} ({})", jwksUri, reason);
                fetch();
            } finally {
                nextFetchAllowedAt = started.plus(keys.isEmpty() ? coldRetryInterval() : minRefetchInterval);
            }
        } finally {
            fetchLock.unlock();
        }
    }

    /**
     * With no keys at all (the auth server was down when we started) every token is rejected, so
     * retry sooner; still bounded, so a flood cannot hammer the auth server.
     */
    private Duration coldRetryInterval() {
        return minRefetchInterval.compareTo(COLD_RETRY_INTERVAL) < 0 ? minRefetchInterval : COLD_RETRY_INTERVAL;
    }

    private boolean fetchDue() {
        Instant now = clock.instant();
        Instant next = nextFetchAllowedAt;
        // The second test guards against the wall clock stepping backwards, which would otherwise
        // postpone the next fetch by the size of the step.
        return !now.isBefore(next) || next.isAfter(now.plus(minRefetchInterval));
    }

    private void fetch() {
        int previous = keys.size();
        try {
            String body = new String(download(), StandardCharsets.UTF_8);
            List<VerificationKey> fetched = JwkKeys.parseJwkSet(body);
            if (fetched.isEmpty()) {
                // More likely a misconfigured or half-started auth server than a deliberate
                // "trust nothing", and dropping every key would lock out all users.
                log.warn("JWK Set from {} holds no usable signing keys; keeping the {} previous key(s)", jwksUri, previous);
                return;
            }
            Map<String, VerificationKey> byKid = new LinkedHashMap<>();
            for (VerificationKey key : fetched) {
                if (byKid.putIfAbsent(key.kid(), key) != null) {
                    log.warn("JWK Set from {} lists key id {} more than once; using the first", jwksUri, key.kid());
                }
            }
            keys = Map.copyOf(byKid);
            lastSuccessfulFetch = clock.instant();
            log.info("Loaded {} verification key(s) from {}: {}", byKid.size(), jwksUri, keyIds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while fetching JWK Set from {}; keeping the {} previous key(s)", jwksUri, previous);
        } catch (Exception e) {
            // Any failure (network, HTTP status, size, JSON, key material) leaves the old keys in place.
            log.warn("Could not load JWK Set from {} ({}); keeping the {} previous key(s)", jwksUri, BoundedHttp.describe(e), previous);
        }
    }

    private byte[] download() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(jwksUri)
                .timeout(timeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        HttpResponse<byte[]> r = BoundedHttp.send(http, request, MAX_RESPONSE_BYTES, timeout);
        if (r.statusCode() != 200) {
            throw new IOException("HTTP status " + r.statusCode());
        }
        return r.body();
    }

    private static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }
}
