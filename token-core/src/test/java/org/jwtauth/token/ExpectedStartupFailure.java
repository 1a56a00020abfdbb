package org.jwtauth.token;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs a Spring Boot start that a test means to fail, without Spring Boot's failure report ("Application
 * run failed", "APPLICATION FAILED TO START" and the stack trace) in the build's log, where a green build
 * would show ERROR blocks that are no error. Only the two reporting loggers are silenced, only while the
 * start runs; the test still sees the whole failure.
 * <p>
 * Setting their levels directly is not enough: the starting application (re)initialises the logging
 * system, which resets every level to its configuration. So the levels are also given as system
 * properties, which the application binds like any {@code logging.level.*} setting.
 */
public final class ExpectedStartupFailure {

    private static final List<String> REPORTERS = List.of(
            "org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");

    private ExpectedStartupFailure() {
    }

    /** @return what the start threw, or null if it did not fail */
    public static Throwable of(ThrowingCallable start) {
        LoggingSystem logging = LoggingSystem.get(ExpectedStartupFailure.class.getClassLoader());
        Map<String, LogLevel> configured = new LinkedHashMap<>();
        for (String name : REPORTERS) {
            LoggerConfiguration c = logging.getLoggerConfiguration(name);
            configured.put(name, c == null ? null : c.getConfiguredLevel());
            System.setProperty("logging.level." + name, "off");
            logging.setLogLevel(name, LogLevel.OFF);
        }
        try {
            return catchThrowable(start);
        } finally {
            for (String name : REPORTERS) {
                System.clearProperty("logging.level." + name);
            }
            configured.forEach(logging::setLogLevel);
        }
    }
}
