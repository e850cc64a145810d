package io.airspeed.aircall.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import io.airspeed.aircall.simulator.json.JsonOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing complete responses (always with a Content-Length, so connections stay alive). */
final class HttpResponses {

    static final String JSON = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        send(exchange, status, JSON, bytes, bytes.length);
    }

    static void json(HttpExchange exchange, int status, JsonOutput body) throws IOException {
        send(exchange, status, JSON, body.buffer(), body.length());
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body, int length)
            throws IOException {
        drainRequestBody(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, length == 0 || head ? -1 : length);
        if (length > 0 && !head) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body, 0, length);
            }
        }
        exchange.close();
    }

    /** Closes the connection without sending anything (the HTTP server does so when no headers went out). */
    static void dropConnection(HttpExchange exchange) {
        exchange.close();
    }

    /** Reads what the handler left unread, so the connection can carry the next request. */
    static void drainRequestBody(HttpExchange exchange) {
        try {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        } catch (IOException alreadyClosed) {
            // the handler consumed and closed it
        }
    }
}
