package io.airspeed.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks done before anything starts, so a taken port is named instead of failing deep inside a service. */
public final class Ports {

    private Ports() {
    }

    /** A port nobody listens on right now (the kernel's pick). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    /** Fails with a message naming the port and who wanted it when something already uses it. */
    public static void requireFree(int port, String wantedBy) {
        if (!isFree(port)) {
            throw new PortTakenException(port, wantedBy);
        }
    }

    public static boolean isFree(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false;
        } catch (IOException nobodyListens) {
            // Connection refused: nothing on loopback; still check the wildcard address below.
        }
        try (ServerSocket socket = new ServerSocket()) {
            // As the services bind: connections of a previous run lingering in TIME_WAIT do not count as "taken".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port some other process holds. */
    public static final class PortTakenException extends IllegalStateException {

        private final int port;

        PortTakenException(int port, String wantedBy) {
            super("Port " + port + " is already in use, so " + wantedBy + " cannot start there. "
                    + "Stop whatever listens on it (`ss -ltnp 'sport = :" + port + "'` shows who) and try again.");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
