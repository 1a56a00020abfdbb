package org.jwtauth.resource.revocation;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationFeedPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RevocationFeedProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    private static final String[] ENABLED = {"resource.revocation-feed.enabled=true",
            "resource.revocation-feed.client-id=resource-service", "resource.revocation-feed.client-secret=s3cret-value"};

    @Test
    void offByDefaultWithSafeDefaults() {
        runner.run(context -> {
            RevocationFeedProperties p = context.getBean(RevocationFeedProperties.class);
            assertThat(p.enabled()).isFalse();
            assertThat(p.pollInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.retention()).isEqualTo(Duration.ofHours(1));
            assertThat(p.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(p.effectiveUri(URI.create("http://localhost:9000/.well-known/jwks.json")))
                    .isEqualTo(URI.create("http://localhost:9000/auth/revocations"));
        });
    }

    @Test
    void theFeedDefaultsToTheJwksHost() {
        runner.withPropertyValues(ENABLED).run(context -> assertThat(context.getBean(RevocationFeedProperties.class)
                .effectiveUri(URI.create("http://auth-server:9000/.well-known/jwks.json")))
                .isEqualTo(URI.create("http://auth-server:9000/auth/revocations")));
    }

    @Test
    void bindsOverrides() {
        runner.withPropertyValues(ENABLED).withPropertyValues("resource.revocation-feed.uri=https://auth.example/auth/revocations",
                "resource.revocation-feed.poll-interval=2s", "resource.revocation-feed.retention=30m").run(context -> {
            RevocationFeedProperties p = context.getBean(RevocationFeedProperties.class);
            assertThat(p.effectiveUri(URI.create("http://ignored/"))).isEqualTo(URI.create("https://auth.example/auth/revocations"));
            assertThat(p.pollInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.retention()).isEqualTo(Duration.ofMinutes(30));
        });
    }

    @Test
    void enabledWithoutCredentialsFailsNamingWhatIsMissing() {
        for (String[] props : List.of(new String[]{"resource.revocation-feed.enabled=true"},
                new String[]{"resource.revocation-feed.enabled=true", "resource.revocation-feed.client-id=resource-service"},
                new String[]{"resource.revocation-feed.enabled=true", "resource.revocation-feed.client-secret=x",
                        "resource.revocation-feed.client-id= "})) {
            runner.withPropertyValues(props).run(context -> assertThat(context).hasFailed().getFailure()
                    .rootCause().hasMessageContaining("resource.revocation-feed.client-id and resource.revocation-feed.client-secret"));
        }
    }

    @Test
    void rejectsUnsafeValues() {
        for (String bad : List.of("resource.revocation-feed.uri=ftp://auth/revocations", "resource.revocation-feed.uri=/auth/revocations",
                "resource.revocation-feed.uri=http://auth/revocations?since=0", "resource.revocation-feed.uri=http://id:secret@auth/revocations", "resource.revocation-feed.poll-interval=0s",
                "resource.revocation-feed.poll-interval=2h", "resource.revocation-feed.timeout=0s",
                "resource.revocation-feed.retention=10s", "resource.revocation-feed.max-response-size=10B")) {
            runner.withPropertyValues(ENABLED).withPropertyValues(bad).run(context -> assertThat(context).as(bad).hasFailed());
        }
    }

    @Test
    void theSecretNeverAppearsInToString() {
        runner.withPropertyValues(ENABLED).run(context -> assertThat(context.getBean(RevocationFeedProperties.class).toString())
                .contains("resource-service").doesNotContain("s3cret-value"));
    }
}
