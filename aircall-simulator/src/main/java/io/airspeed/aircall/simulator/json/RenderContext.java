package io.airspeed.aircall.simulator.json;

/**
 * What rendering a call depends on besides the call: the base URL media links point at, the current
 * time (late recordings), when signed URLs expire, and whether short URLs were asked for (0: not).
 */
public record RenderContext(String baseUrl, long nowEpochSecond, long mediaExpiresEpochSecond,
                            long shortUrlExpiresEpochSecond) {

    public boolean shortUrls() {
        return shortUrlExpiresEpochSecond > 0;
    }
}
