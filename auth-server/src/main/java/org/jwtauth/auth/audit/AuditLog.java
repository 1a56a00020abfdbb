package org.jwtauth.auth.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Security events, one line each as {@code event=... key=value}, on the {@code audit} logger so they
 * can be routed separately. Callers pass identifiers only: never a password or a token.
 * <p>
 * Events a client can cause at will (failed logins and client authentications, lockouts, refusals)
 * go through {@link #repeatable}, which keeps a flood from filling the disk: see {@link AuditRateLimit}.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("audit");
    private static final int MAX_KEY = 128;

    private final AuditRateLimit limit;

    @Autowired
    public AuditLog(Clock clock) {
        this.limit = new AuditRateLimit(clock);
    }

    /** For tests and tools that construct services by hand: the system clock. */
    public AuditLog() {
        this(Clock.systemUTC());
    }

    public void event(String event, Object... keyValues) {
        if (log.isInfoEnabled()) {
            log.info(line(event, keyValues, 0));
        }
    }

    /**
     * An event a client can repeat as often as it likes, keyed by what it is about (a username, a client
     * id, a reason). Lines beyond the rate limit are counted instead of written; the next line written
     * for the same event says how many of that event were left out since the one before it
     * ({@code suppressed=N}).
     */
    public void repeatable(String event, String key, Object... keyValues) {
        if (!log.isInfoEnabled()) {
            return;
        }
        // A key comes from the request: never let its length decide how much the limiter remembers.
        long suppressed = limit.admit(event, key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY));
        if (suppressed >= 0) {
            log.info(line(event, keyValues, suppressed));
        }
    }

    private static String line(String event, Object[] keyValues, long suppressed) {
        StringBuilder line = new StringBuilder("event=").append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(quote(String.valueOf(keyValues[i + 1])));
        }
        if (suppressed > 0) {
            line.append(" suppressed=").append(suppressed);
        }
        return line.toString();
    }

    /**
     * Values may contain user input (a username, a client id); keep each event on one unambiguous line,
     * shown as it is, whatever a terminal or a log shipper makes of special characters: control
     * characters, Unicode line and paragraph separators and format characters (bidi overrides,
     * zero-width spaces, BOM) are written as {@code \}{@code uXXXX} escapes (log injection, CWE-117).
     */
    static String quote(String value) {
        if (isPlain(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
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
