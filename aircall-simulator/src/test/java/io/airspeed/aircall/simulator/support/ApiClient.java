package io.airspeed.aircall.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airspeed.aircall.simulator.AircallSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to an embedded simulator over real HTTP, as a client of Aircall's API would. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final String authorization;

    private ApiClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static ApiClient basic(AircallSimulator simulator, String apiId, String apiToken) {
        return new ApiClient(simulator.baseUrl(), AircallSimulator.basicAuthorization(apiId, apiToken));
    }

    public static ApiClient bearer(AircallSimulator simulator, String token) {
        return new ApiClient(simulator.baseUrl(), "Bearer " + token);
    }

    public static ApiClient anonymous(AircallSimulator simulator) {
        return new ApiClient(simulator.baseUrl(), null);
    }

    /** GET a path ("/v1/calls?...") or an absolute URL (a next_page_link). */
    public HttpResponse<String> get(String pathOrUrl) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public JsonNode getJson(String pathOrUrl) {
        HttpResponse<String> response = get(pathOrUrl);
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200 from " + pathOrUrl + " but got " + response.statusCode()
                    + ": " + response.body());
        }
        return parse(response.body());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A control-API request with a JSON body (null: none). */
    public static HttpResponse<String> control(AircallSimulator simulator, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
