package org.jwtauth.resource.hardening;

import org.jwtauth.token.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jwtauth.resource.ResourceServiceApplication;
import org.jwtauth.resource.support.JwksTestServer;
import org.jwtauth.resource.support.MutableClockInitializer;
import org.jwtauth.resource.support.TestKey;
import org.jwtauth.resource.support.Tokens;
import org.jwtauth.token.TokenMutations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing over real HTTP: the whole service runs once for this class (on a random port,
 * against a local JWK Set server, with the fixed test clock), and mutants of one valid token go to
 * {@code /api/me}. None gets a 200 unless it is the token itself, none causes a 5xx, every 401
 * carries an RFC 6750 Bearer challenge, and no answer is HTML.
 */
class MutatedTokenHttpPropertyTest {

    private static final TokenMutations.ClaimDefaults DEFAULTS = new TokenMutations.ClaimDefaults(
            Tokens.ISSUER, Tokens.AUDIENCE, MutableClockInitializer.START.getEpochSecond(), "id-alice");

    private static TestKey key;
    private static JwksTestServer jwks;
    private static ConfigurableApplicationContext app;
    private static HttpClient http;
    private static URI me;
    private static String original;

    @BeforeContainer
    static void startService() throws Exception {
        key = TestKey.generate();
        jwks = JwksTestServer.start(key);
        app = new SpringApplicationBuilder(ResourceServiceApplication.class)
                .initializers(new MutableClockInitializer())
                .properties(
                        "server.port=0",
                        "management.server.port=0",
                        "resource.jwks-uri=" + jwks.uri(),
                        "spring.main.banner-mode=off",
                        // 300 rejections would otherwise fill the build log
                        "logging.level.org.jwtauth=WARN",
                        "logging.level.org.springframework=WARN")
                .run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        me = URI.create("http://127.0.0.1:" + port + "/api/me");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        original = Tokens.accessToken(key, MutableClockInitializer.START, "alice", "USER");
        HttpResponse<String> sanity = send(original);
        assertThat(sanity.statusCode()).as("the unmutated token is accepted: %s", sanity.body()).isEqualTo(200);
    }

    @AfterContainer
    static void stopService() {
        if (app != null) {
            app.close();
        }
        if (jwks != null) {
            jwks.stop();
        }
    }

    @Property(tries = 300)
    void aMutatedTokenIsNeverAcceptedAndNeverAServerError(@ForAll("mutants") TokenMutations.Mutant mutant) throws Exception {
        HttpResponse<String> response = send(mutant.token());
        int status = response.statusCode();

        if (mutant.token().equals(original)) {
            assertThat(status).as("the token itself").isEqualTo(200);
        } else {
            assertThat(status).as("%s -> %s %s", mutant, status, response.body()).isNotEqualTo(200).isBetween(400, 499);
        }
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).as("%s", mutant)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertThat(contentType).as("%s", mutant).doesNotContainIgnoringCase("html");
        assertThat(response.body()).as("%s", mutant).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        Statistics.label("mutation").collect(mutant.kind());
        Statistics.label("status").collect(status);
    }

    @Provide
    Arbitrary<TokenMutations.Mutant> mutants() {
        // Characters an HTTP header can carry: whitespace at the ends would be trimmed as optional
        // header whitespace, which makes the token itself again rather than a mutant.
        return Arbitraries.frequencyOf(
                Tuple.of(4, TokenMutations.characterEdits(original, TokenMutations.headerSafeInsertable())),
                Tuple.of(2, TokenMutations.segmentEdits(original)),
                Tuple.of(4, TokenMutations.jsonEdits(original, DEFAULTS, null)));
    }

    private static HttpResponse<String> send(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(me)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
