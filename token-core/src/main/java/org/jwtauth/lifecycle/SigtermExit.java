package org.jwtauth.lifecycle;

import sun.misc.Signal;

/**
 * Makes SIGTERM an ordinary, successful stop: {@code System.exit(0)}, which runs Spring Boot's
 * shutdown hook (graceful: the web server drains, then the context and the database pool close).
 * <p>
 * The JVM's own handler runs the same hooks but exits 143, which Docker, systemd and process
 * supervisors report as a failure although SIGTERM is how every one of them asks a service to stop.
 * A second SIGTERM during the shutdown changes nothing; SIGKILL stays the way to stop at once.
 */
public final class SigtermExit {

    private SigtermExit() {
    }

    /** Call first thing in {@code main}. Without signal support (e.g. {@code -Xrs}) the JVM's default stays. */
    public static void install() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
            // Signals are reserved by the VM here: the JVM's own handling (exit 143) applies.
        }
    }
}
