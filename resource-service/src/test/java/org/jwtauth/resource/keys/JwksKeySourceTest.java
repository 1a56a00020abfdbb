package org.jwtauth.resource.keys;

import org.jwtauth.resource.support.JwksTestServer;
import org.jwtauth.token.MutableClock;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.token.JwkKeys;
import org.jwtauth.token.VerificationKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwksKeySourceTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Generous: only the slow-server test wants a fetch cut short, and it sets its own. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static TestKey keyA;
    private static TestKey keyB;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private JwksTestServer server;

    @BeforeAll
    static void keys() {
        keyA = TestKey.generate();
        keyB = TestKey.generate();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private JwksKeySource started(TestKey... keys) {
        server = JwksTestServer.start(keys);
        JwksKeySource source = new JwksKeySource(server.uri(), TIMEOUT, INTERVAL, clock);
        source.loadInitialKeys();
        return source;
    }

    @Test
    void loadsKeysAtStartupAndServesKnownKidsWithoutFetching() {
        JwksKeySource source = started(keyA);

        assertThat(server.requests()).isEqualTo(1);
        Optional<VerificationKey> found = source.find(keyA.kid());
        assertThat(found).isPresent();
        assertThat(found.get().publicKey()).isEqualTo(keyA.publicKey());
        assertThat(found.get().algorithm()).isEqualTo("RS256");
        assertThat(source.keyIds()).containsExactly(keyA.kid());
        assertThat(source.lastSuccessfulFetch()).contains(clock.instant());

        clock.advance(INTERVAL.multipliedBy(10));
        for (int i = 0; i < 20; i++) {
            assertThat(source.find(keyA.kid())).isPresent();
        }
        assertThat(server.requests()).as("known kids never cause a fetch").isEqualTo(1);
    }

    @Test
    void missingKidNeverCausesAFetch() {
        JwksKeySource source = started(keyA);
        clock.advance(INTERVAL.multipliedBy(2));

        assertThat(source.find(null)).isEmpty();
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void unknownKidRefetchesAtMostOncePerInterval() {
        JwksKeySource source = started(keyA);
        server.addKey(keyB);

        assertThat(source.find(keyB.kid())).as("still inside the interval that started with the startup fetch").isEmpty();
        assertThat(server.requests()).isEqualTo(1);

        clock.advance(INTERVAL);
        assertThat(source.find(keyB.kid())).isPresent();
        assertThat(server.requests()).isEqualTo(2);

        for (int i = 0; i < 50; i++) {
            assertThat(source.find("random-" + i)).isEmpty();
        }
        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(source.find("random-late")).isEmpty();
        assertThat(server.requests()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(source.find("random-after-interval")).isEmpty();
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void concurrentUnknownKidsShareOneFetch() throws Exception {
        JwksKeySource source = started(keyA);
        server.delay(Duration.ofMillis(300)); // keep the fetch in flight while the others arrive
        server.addKey(keyB);
        clock.advance(INTERVAL);

        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<VerificationKey>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String kid = i % 2 == 0 ? keyB.kid() : UUID.randomUUID().toString();
                results.add(pool.submit(() -> {
                    go.await();
                    return source.find(kid);
                }));
            }
            go.countDown();
            int foundB = 0;
            for (Future<Optional<VerificationKey>> r : results) {
                if (r.get().isPresent()) {
                    foundB++;
                }
            }
            assertThat(server.requests()).as("one startup fetch plus one shared re-fetch").isEqualTo(2);
            assertThat(foundB).as("lookups that waited for the in-flight fetch see its result").isEqualTo(threads / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void authServerDownAtStartupIsNotFatalAndKeysArriveLater() {
        server = JwksTestServer.start(keyA);
        server.respondWith(503, "{\"error\":\"starting\"}");
        JwksKeySource source = new JwksKeySource(server.uri(), TIMEOUT, INTERVAL, clock);

        source.loadInitialKeys();

        assertThat(source.keyIds()).isEmpty();
        assertThat(source.lastSuccessfulFetch()).isEmpty();
        server.respondWith(200, null);
        assertThat(source.find(keyA.kid())).as("rate limit still applies").isEmpty();
        // With no keys at all, the retry comes after the short cold-start interval, not the full one.
        clock.advance(JwksKeySource.COLD_RETRY_INTERVAL.minusMillis(1));
        assertThat(source.find(keyA.kid())).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(JwksKeySource.COLD_RETRY_INTERVAL).isLessThan(INTERVAL);
        assertThat(source.find(keyA.kid())).isPresent();
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void unreachableServerAtStartupIsNotFatal() {
        server = JwksTestServer.start(keyA);
        URI uri = server.uri();
        server.stop();
        JwksKeySource source = new JwksKeySource(uri, TIMEOUT, INTERVAL, clock);

        source.loadInitialKeys();

        assertThat(source.keyIds()).isEmpty();
        server = null;
    }

    @Test
    void badResponsesKeepTheLastGoodKeys() {
        JwksKeySource source = started(keyA);
        Instant firstFetch = clock.instant();
        String paddedValidSet = JwkKeys.toJwkSetJson(List.of(keyB.verificationKey()))
                + " ".repeat(JwksKeySource.MAX_RESPONSE_BYTES);
        List<Runnable> badResponses = List.of(
                () -> server.respondWith(200, "this is not json"),
                () -> server.respondWith(200, "{\"keys\":\"nope\"}"),
                () -> server.respondWith(200, "{\"keys\":[]}"),
                () -> server.respondWith(200, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"kid\":\"hmac\",\"alg\":\"HS256\"}]}"),
                () -> server.respondWith(500, "{\"error\":\"boom\"}"),
                () -> server.respondWith(200, paddedValidSet)); // valid JSON, but over the size limit

        for (Runnable bad : badResponses) {
            int before = server.requests();
            bad.run();
            clock.advance(INTERVAL);
            assertThat(source.find("unknown")).isEmpty();
            assertThat(server.requests()).isEqualTo(before + 1);
            assertThat(source.find(keyA.kid())).isPresent();
            assertThat(source.find(keyB.kid())).isEmpty();
            assertThat(source.keyIds()).containsExactly(keyA.kid());
            assertThat(source.lastSuccessfulFetch()).contains(firstFetch);
        }
    }

    @Test
    void slowServerIsCutOffByTheTimeout() {
        server = JwksTestServer.start(keyA);
        server.delay(Duration.ofSeconds(60));
        JwksKeySource source = new JwksKeySource(server.uri(), Duration.ofMillis(300), INTERVAL, clock);

        long started = System.nanoTime();
        source.loadInitialKeys();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // far below the server's delay, however loaded the machine: the fetch was cut off, not waited out
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(source.keyIds()).isEmpty();
    }

    @Test
    void keysDroppedFromTheSetAreNoLongerTrustedAfterARefetch() {
        JwksKeySource source = started(keyA);
        server.removeKey(keyA);
        server.addKey(keyB);
        clock.advance(INTERVAL);

        assertThat(source.find(keyB.kid())).isPresent();
        assertThat(source.find(keyA.kid())).isEmpty();
        assertThat(source.keyIds()).containsExactly(keyB.kid());
    }

    @Test
    void aClockSteppingBackwardsDoesNotPostponeFetches() {
        JwksKeySource source = started(keyA);
        server.addKey(keyB);
        clock.setInstant(clock.instant().minus(Duration.ofHours(1)));

        assertThat(source.find(keyB.kid())).isPresent();
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void rejectsNonHttpUris() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwksKeySource(URI.create("file:///etc/passwd"), TIMEOUT, INTERVAL, clock))
                .withMessageContaining("http");
    }
}
