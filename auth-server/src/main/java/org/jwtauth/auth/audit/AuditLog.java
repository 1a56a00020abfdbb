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
        if (isPlain(value)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    /** {@code [A-Za-z0-9._:@/+-]*}, without compiling a regex for every value of every event. */
    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
