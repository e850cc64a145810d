package io.airspeed.objectstorage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectStorageServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesItsBucketOverS3AndStopsWithItsProcess(@TempDir Path directory) throws Exception {
        try (ObjectStorageServer server = ObjectStorageServer.start("check-bucket", directory)) {
            URI object = server.endpoint().resolve("/check-bucket/orgs/1/calls/2/recording.mp3");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(object).header("Content-Type", "audio/mpeg")
                    .PUT(HttpRequest.BodyPublishers.ofString("ID3 not really audio")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);

            HttpResponse<String> get = http.send(HttpRequest.newBuilder(object).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("ID3 not really audio");
            assertThat(get.headers().firstValue("Content-Type")).hasValue("audio/mpeg");

            HttpResponse<String> otherBucket = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/no-such-bucket/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(otherBucket.statusCode()).isEqualTo(404);

            server.close();
            assertThat(server.isRunning()).isFalse();
        }
    }
}
