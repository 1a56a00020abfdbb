package org.jwtauth.token;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeAreFreeAndNeverRepeat() throws IOException {
        int ephemeralStart = FreePorts.ephemeralRangeStart();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            if (ephemeralStart > FreePorts.LOWEST + 1000) {
                assertThat(port).isBetween(FreePorts.LOWEST, ephemeralStart - 1);
            }
        }
        int port = FreePorts.next();
        try (ServerSocket server = new ServerSocket(port)) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortSomeoneListensOnIsNeverHandedOut() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0)) {
            int port = occupied.getLocalPort();
            assertThatThrownBy(() -> FreePorts.next(port, port + 1)).isInstanceOf(IllegalStateException.class);
        }
    }
}
