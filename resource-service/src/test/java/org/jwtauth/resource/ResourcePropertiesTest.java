package org.jwtauth.resource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResourcePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResourceProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaultsMatchTheContract() {
        runner.run(context -> {
            ResourceProperties p = context.getBean(ResourceProperties.class);
            assertThat(p.jwksUri()).isEqualTo(URI.create("http://localhost:9000/.well-known/jwks.json"));
            assertThat(p.usesPublicKeyFile()).isFalse();
            assertThat(p.publicKeyAlgorithm()).isEqualTo("RS256");
            assertThat(p.issuer()).isEqualTo("http://localhost:9000");
            assertThat(p.audience()).isEqualTo("resource-service");
            assertThat(p.clockSkew()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.allowedAlgorithms()).containsExactly("RS256", "ES256", "EdDSA");
            assertThat(p.jwksRefetchMinInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.jwksTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.maxTokenLifetime()).as("above the auth server's 10 minutes").isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void bindsOverrides() {
        runner.withPropertyValues("resource.issuer=https://auth.example", "resource.clock-skew=10s",
                        "resource.allowed-algorithms=ES256", "resource.public-key-file=/keys/public.pem",
                        "resource.max-token-lifetime=PT2H")
                .run(context -> {
                    ResourceProperties p = context.getBean(ResourceProperties.class);
                    assertThat(p.issuer()).isEqualTo("https://auth.example");
                    assertThat(p.clockSkew()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(p.allowedAlgorithms()).isEqualTo(List.of("ES256"));
                    assertThat(p.usesPublicKeyFile()).isTrue();
                    assertThat(p.maxTokenLifetime()).isEqualTo(Duration.ofHours(2));
                });
    }

    @Test
    void emptyPublicKeyFileMeansUnset() {
        runner.withPropertyValues("resource.public-key-file=")
                .run(context -> assertThat(context.getBean(ResourceProperties.class).usesPublicKeyFile()).isFalse());
    }

    @Test
    void rejectsUnsafeValues() {
        for (String bad : List.of("resource.clock-skew=-1s", "resource.clock-skew=1h", "resource.jwks-refetch-min-interval=0s",
                "resource.jwks-timeout=0s", "resource.issuer= ", "resource.allowed-algorithms=")) {
            runner.withPropertyValues(bad).run(context -> assertThat(context).as(bad).hasFailed());
        }
    }
}
