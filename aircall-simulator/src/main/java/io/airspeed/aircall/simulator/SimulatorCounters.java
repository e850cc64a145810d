package io.airspeed.aircall.simulator;

import java.util.concurrent.atomic.LongAdder;

/** Traffic that belongs to no company: refused credentials and media downloads. */
public final class SimulatorCounters {

    /** A point-in-time copy. */
    public record Snapshot(long unauthorized, long forbidden, long mediaServed, long mediaRefused) {
    }

    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder forbidden = new LongAdder();
    private final LongAdder mediaServed = new LongAdder();
    private final LongAdder mediaRefused = new LongAdder();

    public void unauthorized() {
        unauthorized.increment();
    }

    public void forbidden() {
        forbidden.increment();
    }

    public void mediaServed() {
        mediaServed.increment();
    }

    public void mediaRefused() {
        mediaRefused.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(unauthorized.sum(), forbidden.sum(), mediaServed.sum(), mediaRefused.sum());
    }

    public void reset() {
        unauthorized.reset();
        forbidden.reset();
        mediaServed.reset();
        mediaRefused.reset();
    }
}
