package io.airspeed.aircall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import io.airspeed.aircall.simulator.SimulatorSettings;

import java.net.InetSocketAddress;

/** The absolute base the client reached us at, for links it must be able to follow. */
final class BaseUrls {

    private BaseUrls() {
    }

    static String of(HttpExchange exchange, SimulatorSettings settings) {
        String configured = settings.publicBaseUrl();
        if (configured != null) {
            return configured;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && !host.isBlank()) {
            return "http://" + host.trim();
        }
        InetSocketAddress local = exchange.getLocalAddress();
        String address = local.getAddress().getHostAddress();
        if (address.contains(":")) {
            address = '[' + address + ']';
        }
        return "http://" + address + ':' + local.getPort();
    }
}
