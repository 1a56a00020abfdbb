package org.jwtauth.auth.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** auth.login-throttle.* as Spring binds it: sensible defaults, and nonsense refused at startup. */
class LoginThrottlePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            AuthProperties.LoginThrottle t = context.getBean(AuthProperties.class).loginThrottle();
            assertThat(t).isEqualTo(new AuthProperties.LoginThrottle(true, 5, 50, Duration.ofMinutes(15),
                    Duration.ofSeconds(30), Duration.ofMinutes(15)));
        });
    }

    @Test
    void everySettingCanBeChanged() {
        runner.withPropertyValues("auth.login-throttle.enabled=false", "auth.login-throttle.max-failures-per-user=3",
                        "auth.login-throttle.max-failures-per-address=20", "auth.login-throttle.window=1h",
                        "auth.login-throttle.lockout=10s", "auth.login-throttle.max-lockout=PT1H")
                .run(context -> assertThat(context.getBean(AuthProperties.class).loginThrottle()).isEqualTo(
                        new AuthProperties.LoginThrottle(false, 3, 20, Duration.ofHours(1), Duration.ofSeconds(10),
                                Duration.ofHours(1))));
    }

    @ParameterizedTest
    @CsvSource({
            "max-failures-per-user, 0, max-failures-per-user must be at least 1",
            "max-failures-per-user, -1, max-failures-per-user must be at least 1",
            "max-failures-per-address, 0, max-failures-per-address must be at least 1",
            "window, -PT15M, window must be a positive duration",
            "window, 0s, window must be a positive duration",
            "lockout, -30s, lockout must be a positive duration",
            "lockout, PT0S, lockout must be a positive duration",
            "max-lockout, -PT1M, max-lockout must be a positive duration",
            "max-lockout, 10s, max-lockout must not be shorter than auth.login-throttle.lockout",
            "window, soon, ''",
            "max-failures-per-user, many, ''",
    })
    void nonsenseIsRefusedAtStartup(String setting, String value, String message) {
        runner.withPropertyValues("auth.login-throttle." + setting + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(message);
        });
    }
}
