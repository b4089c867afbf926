package fr.numi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void shouldGiveDistinctListenablePortsBelowTheEphemeralRange() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(FreePorts.FIRST, FreePorts.LAST).isLessThan(32_768);
            assertThat(ports.add(port)).as("port %d given twice", port).isTrue();
        }
        for (int port : ports.stream().limit(20).toList()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void shouldSkipAPortSomethingListensOnAndAPortAlreadyGiven() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            // given: a port something listens on, and a port this JVM gave
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            int given = FreePorts.next();
            int free;
            try (ServerSocket closed = new ServerSocket(0)) {
                free = closed.getLocalPort(); // of the ephemeral range, so never given by FreePorts
            }
            PrimitiveIterator.OfInt candidates = IntStream.of(listener.getLocalPort(), given, free).iterator();

            // then: neither is given, the next candidate is
            assertThat(FreePorts.next(candidates::nextInt)).isEqualTo(free);
        }
    }
}
