package org.jwtauth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts on a port it must know in advance (a child JVM, an issuer URL).
 * {@code new ServerSocket(0)} hands out a port from the kernel's ephemeral range, where any outgoing
 * connection's local end (an HTTP client, the JDBC pool) can take it in the seconds before the server
 * binds it. These come from below that range instead, as {@code deploy/free-port.sh} picks them for
 * the scripts, and never twice in one JVM.
 */
public final class FreePorts {

    static final int LOWEST = 20000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nothing listens on now, below the ephemeral range (or any free one where that is unknown). */
    public static int next() {
        int ceiling = ephemeralRangeStart();
        return ceiling <= LOWEST + 1000 ? anyFreePort() : next(LOWEST, ceiling);
    }

    /** A free port in [lowest, ceiling) not handed out before. */
    static int next(int lowest, int ceiling) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(lowest, ceiling);
            if (bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port in " + lowest + "-" + (ceiling - 1));
    }

    /** The first port of the kernel's ephemeral range; 0 where it cannot be read (not Linux). */
    static int ephemeralRangeStart() {
        try {
            // Read as lines: Files.readString trusts the size procfs reports and returns one byte of it.
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean bindable(int port) {
        // All addresses, as the services bind by default: a listener on any of them makes the port taken.
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int anyFreePort() {
        // The kernel may hand out the port it just gave back, so repeats are skipped here too.
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free port that was not handed out before");
    }
}
