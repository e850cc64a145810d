package io.airspeed.aircall.simulator.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server with a fixed pool of daemon threads, so an embedded simulator never keeps a JVM alive. */
public final class SimulatorHttpServer {

    static {
        // Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus delayed ACKs
        // would stall every keep-alive response by ~40 ms on loopback.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    public SimulatorHttpServer(String host, int port, int threads, HttpHandler api, HttpHandler control,
                               HttpHandler media) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 512);
        server.createContext("/v1/", api);
        server.createContext("/_simulator", control);
        server.createContext("/recordings/", media);
        server.createContext("/voicemails/", media);
        server.createContext("/", exchange -> HttpResponses.json(exchange, 404, "{\"message\":\"Not Found\"}"));
        AtomicInteger counter = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "aircall-simulator-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }
}
