package fr.numi.contracts.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a server, on a fixed local port, that a test can cut, as an outage would: every open
 * connection is reset and new ones are reset as soon as they are accepted, until it is restored. No Docker needed: the
 * client (MongoDB's driver) sees what it sees when its server dies and comes back.
 *
 * <p>The proxy keeps its port for its whole life, cut or not: closing the listener during a cut would free a port of
 * the ephemeral range, which any outgoing connection on the machine may take meanwhile, and the restore could then not
 * listen on it again (seen on CI).
 */
public final class CuttableProxy {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private boolean cut;

    private CuttableProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public static CuttableProxy to(InetSocketAddress target) {
        return new CuttableProxy(target, listen());
    }

    public int port() {
        return port;
    }

    public synchronized boolean isCut() {
        return cut;
    }

    /** Resets the open connections, and every new one until {@link #restore()}. */
    public synchronized void cut() {
        cut = true;
        open.forEach(CuttableProxy::reset);
        open.clear();
    }

    /** Lets connections through again, on the same port. */
    public synchronized void restore() {
        cut = false;
    }

    private static ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    private void accept(ServerSocket on) {
        Thread acceptor = new Thread(() -> {
            while (!on.isClosed()) {
                try {
                    let(on.accept());
                } catch (IOException e) {
                    // the server refused: the client sees its connection go
                }
            }
        }, "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Pipes a new connection to the server, or resets it while the proxy is cut. */
    private synchronized void let(Socket client) throws IOException {
        if (cut) {
            reset(client);
            return;
        }
        try {
            Socket server = new Socket(target.getAddress(), target.getPort());
            open.add(client);
            open.add(server);
            pipe(client, server);
            pipe(server, client);
        } catch (IOException e) {
            reset(client);
            throw e;
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // reset by cut() or by the other side
            } catch (IOException e) {
                // the same, seen from the stream
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-pipe-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    /** Closes with a TCP reset, as a dead server's host answers, rather than an orderly end of stream. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        close(socket);
    }

    private static void close(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
