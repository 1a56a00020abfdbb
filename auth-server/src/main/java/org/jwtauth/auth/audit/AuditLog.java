package org.jwtauth.auth.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Security events, one line each as {@code event=... key=value}, on the {@code audit} logger so they
 * can be routed separately. Callers pass identifiers only: never a password or a token.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("audit");

    public void event(String event, Object... keyValues) {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder("event=").append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(quote(String.valueOf(keyValues[i + 1])));
        }
        log.info(line.toString());
    }

    /** Values may contain user input (a username); keep each event on one unambiguous line. */
    private static String quote(String value) {
        if (value.matches("[A-Za-z0-9._:@/+-]*")) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }
}
