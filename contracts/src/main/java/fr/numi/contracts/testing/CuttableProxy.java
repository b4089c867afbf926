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
 * connection is reset and new ones are refused, until it is restored on the same port. No Docker needed: the client
 * (MongoDB's driver) sees what it sees when its server dies and comes back.
 */
public final class CuttableProxy {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    private CuttableProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public static CuttableProxy to(InetSocketAddress target) {
        return new CuttableProxy(target, listen(0));
    }

    public int port() {
        return port;
    }

    public synchronized boolean isCut() {
        return listener == null;
    }

    /** Refuses new connections and resets the open ones. */
    public synchronized void cut() {
        if (listener == null) {
            return;
        }
        close(listener);
        listener = null;
        open.forEach(CuttableProxy::close);
        open.clear();
    }

    /** Listens again, on the same port. */
    public synchronized void restore() {
        if (listener == null) {
            listener = listen(port);
            accept(listener);
        }
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket on) {
        Thread acceptor = new Thread(() -> {
            while (!on.isClosed()) {
                try {
                    Socket client = on.accept();
                    Socket server = new Socket(target.getAddress(), target.getPort());
                    open.add(client);
                    open.add(server);
                    pipe(client, server);
                    pipe(server, client);
                } catch (IOException e) {
                    // closed by cut(), or the server refused: the client sees its connection go
                }
            }
        }, "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
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

    private static void close(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
