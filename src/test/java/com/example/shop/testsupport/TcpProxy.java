package com.example.shop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (the database), that a test can cut and restore: cut
 * closes every connection through it and stops listening, so new connections are refused as by a server that
 * is down; restore listens again on the same port. Written here because no test library at hand does this in
 * the test's own JVM (Toxiproxy is a server of its own); it only copies bytes both ways.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listening;
    private volatile Thread acceptor;

    private TcpProxy(InetSocketAddress target, ServerSocket listening) {
        this.target = target;
        this.listening = listening;
        this.port = listening.getLocalPort();
        this.acceptor = acceptOn(listening);
    }

    /** Listens on a free port of 127.0.0.1 and forwards to the target. */
    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(new InetSocketAddress(host, port), listen(0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen", e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Closes every connection through the proxy and stops listening: new connections are refused once this
     * returns. It waits for the accepting thread to end: closing a server socket that a thread is blocked
     * accepting on only signals that thread, and until it has woken up the port still listens (a connection
     * made right after {@code cut()} was accepted and forwarded, now and then, on a busy host).
     */
    public synchronized void cut() {
        close(listening);
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.forEach(TcpProxy::close);
        sockets.clear();
    }

    /** Listens again, on the same port. */
    public synchronized void restore() {
        if (!listening.isClosed()) {
            return;
        }
        try {
            listening = listen(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port + " again", e);
        }
        acceptor = acceptOn(listening);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private Thread acceptOn(ServerSocket server) {
        return daemon("tcp-proxy-accept-" + port, () -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    continue; // closed by cut()
                }
                if (server.isClosed()) {
                    close(client); // accepted while cut() was closing the server socket: refused after all
                    return;
                }
                try {
                    Socket upstream = new Socket();
                    upstream.connect(target, 2000);
                    sockets.add(client);
                    sockets.add(upstream);
                    daemon("tcp-proxy-up-" + port, () -> copy(client, upstream));
                    daemon("tcp-proxy-down-" + port, () -> copy(upstream, client));
                } catch (IOException e) {
                    close(client); // the target refused: the client sees its connection closed
                }
            }
        });
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            close(from);
            close(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
