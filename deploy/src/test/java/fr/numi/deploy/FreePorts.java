package fr.numi.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * A TCP port nothing listens on right now, for a test's own servers, taken below Linux's ephemeral range (32768 and
 * up by default). The fault suite kills a server and starts it again on the same port: a port of the ephemeral range
 * could meanwhile be given by the kernel to any socket of the machine, and the restart could not listen on it. No port
 * is handed out twice by one JVM.
 */
public final class FreePorts {

    static final int FIRST = 20_000;
    static final int LAST = 32_767;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int next() {
        return next(() -> ThreadLocalRandom.current().nextInt(FIRST, LAST + 1));
    }

    /** The first of these candidates that nothing listens on and this JVM has not given yet. */
    static int next(IntSupplier candidates) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = candidates.getAsInt();
            if (free(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port between " + FIRST + " and " + LAST);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
