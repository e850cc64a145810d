package io.airspeed.ingest.aircall;

import java.util.concurrent.atomic.AtomicLong;

/** What one run asked of Aircall: requests sent, 429s received, retries after errors. */
public final class AircallRequestStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    void request() {
        requests.incrementAndGet();
    }

    void throttled() {
        throttled.incrementAndGet();
    }

    void retried() {
        retried.incrementAndGet();
    }

    public long requests() {
        return requests.get();
    }

    public long throttledResponses() {
        return throttled.get();
    }

    public long retries() {
        return retried.get();
    }
}
