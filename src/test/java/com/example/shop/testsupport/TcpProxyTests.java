package com.example.shop.testsupport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy the outage tests cut: once {@link TcpProxy#cut()} has returned, a connection to its port is refused,
 * every time, including right after the cut (the moment a test connects to see the outage); after
 * {@link TcpProxy#restore()} it is forwarded again. The target is a server socket in this JVM that accepts and
 * holds what reaches it.
 */
class TcpProxyTests {

    ServerSocket target;

    @BeforeEach
    void listen() throws IOException {
        target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!target.isClosed()) {
                try {
                    target.accept(); // held open until the target closes
                } catch (IOException e) {
                    // closed after the test
                }
            }
        }, "tcp-proxy-tests-target");
        accepting.setDaemon(true);
        accepting.start();
    }

    @AfterEach
    void close() throws IOException {
        target.close();
    }

    @Test
    void aConnectionRightAfterTheCutIsRefusedEveryTime() throws Exception {
        // the race is between the cut and the accepting thread's wake-up: many fresh proxies, each cut while its
        // thread is blocked accepting, each connected to at once
        for (int attempt = 0; attempt < 300; attempt++) {
            try (TcpProxy proxy = TcpProxy.to("127.0.0.1", target.getLocalPort())) {
                proxy.cut();
                assertThatThrownBy(() -> connect(proxy.port())).as("attempt %d", attempt)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aRestoredProxyForwardsAgainOnTheSamePort() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", target.getLocalPort())) {
            proxy.cut();
            assertThatThrownBy(() -> connect(proxy.port())).isInstanceOf(ConnectException.class);

            proxy.restore();

            try (Socket socket = connect(proxy.port())) {
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
