package io.airspeed.ingest.aircall;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A company's API key. {@link #toString()} never shows the token. */
public record AircallCredentials(String apiId, String apiToken) {

    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((apiId + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
    }

    /** The rate limit is per Aircall company, which its api id stands for. */
    public String companyKey() {
        return apiId;
    }

    @Override
    public String toString() {
        return "AircallCredentials[apiId=" + apiId + ", apiToken=***]";
    }
}
