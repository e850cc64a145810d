package io.airspeed.aircall.simulator.data;

/**
 * SplitMix64 mixing: a pure function of (seed, index), so generated call i is the same on every run
 * and on every request without keeping any state.
 */
public final class SeededHash {

    private SeededHash() {
    }

    public static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [0, bound) taken from some bits of {@code hash}. */
    public static int pick(long hash, int shift, int bound) {
        return (int) Long.remainderUnsigned(hash >>> shift, bound);
    }
}
