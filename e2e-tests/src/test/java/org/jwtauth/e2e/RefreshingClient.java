package org.jwtauth.e2e;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that logs in once, then refreshes in a loop, chaining its tokens, until the server goes
 * away (an I/O error: the answer to that request never came) or answers something other than 200.
 */
final class RefreshingClient extends Thread {

    /** What a refresh token the server has forgotten gets: the sign of a lost commit. */
    static final String UNKNOWN = "The refresh token is invalid";

    private final String url;
    /** Every token whose rotation was acknowledged, oldest first. */
    final List<String> rotated = new CopyOnWriteArrayList<>();
    /** Every answer that was not a 200, as status and body. */
    final List<String> refused = new CopyOnWriteArrayList<>();
    volatile String current;

    RefreshingClient(String url) throws Exception {
        this.url = url;
        Http.Response r = login(url, "alice", "alice-password");
        assertThat(r.status()).as(r.rawBody()).isEqualTo(200);
        this.current = r.field("refresh_token");
        setDaemon(true);
    }

    @Override
    public void run() {
        while (true) {
            Http.Response r;
            try {
                r = refresh(url, current);
            } catch (IOException | InterruptedException gone) {
                return;
            }
            if (r.status() != 200) {
                refused.add(r.status() + " " + r.rawBody());
                return;
            }
            String previous = current;
            current = r.field("refresh_token");
            rotated.add(previous);
        }
    }

    /** Starts {@code count} clients and returns once each has rotated {@code rotations} times, all answered 200. */
    static List<RefreshingClient> startAndAwait(String url, int count, int rotations) throws Exception {
        List<RefreshingClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(new RefreshingClient(url));
        }
        clients.forEach(Thread::start);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (clients.stream().anyMatch(c -> c.rotated.size() < rotations)) {
            assertThat(Instant.now()).as("every client rotated %d times", rotations).isBefore(deadline);
            clients.forEach(RefreshingClient::assertNothingRefused);
            Thread.sleep(50);
        }
        return clients;
    }

    void assertNothingRefused() {
        assertThat(refused).as("refreshes that were not 200").isEmpty();
    }

    static Http.Response login(String url, String username, String password) throws Exception {
        return Http.post(url + "/auth/login", Map.of("username", username, "password", password), null);
    }

    static Http.Response refresh(String url, String refreshToken) throws IOException, InterruptedException {
        return Http.post(url + "/auth/refresh", Map.of("refresh_token", refreshToken), null);
    }
}
