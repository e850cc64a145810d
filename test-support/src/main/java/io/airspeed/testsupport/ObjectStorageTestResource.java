package io.airspeed.testsupport;

import io.airspeed.objectstorage.ObjectStorageServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a real S3-compatible server (S3Mock as a process, one per JVM)
 * through the same {@code RECORDINGS_S3_*} settings production takes from its environment.
 */
public class ObjectStorageTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ObjectStorageServer server = ObjectStorageServer.shared();
        return Map.of(
                "RECORDINGS_S3_ENDPOINT", server.endpoint().toString(),
                "RECORDINGS_S3_BUCKET", server.bucket(),
                "RECORDINGS_S3_REGION", ObjectStorageServer.REGION,
                "RECORDINGS_S3_PATH_STYLE", "true",
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", ObjectStorageServer.ACCESS_KEY_ID,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", ObjectStorageServer.SECRET_ACCESS_KEY);
    }

    @Override
    public void stop() {
        // The server lives for the whole JVM so that every test class reuses it.
    }
}
