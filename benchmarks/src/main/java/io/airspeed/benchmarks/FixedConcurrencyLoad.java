package io.airspeed.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * N threads, each repeating one request as fast as it answers, for a warm-up and then a measured
 * span; a closed loop, so throughput and latency describe the same fixed concurrency.
 */
final class FixedConcurrencyLoad {

    record Outcome(long requests, long errors, double seconds, double p50Millis, double p99Millis) {

        double perSecond() {
            return requests / seconds;
        }
    }

    /** A request that answers whether it succeeded; one per thread (its own connection, its own statements). */
    interface Worker extends Callable<Boolean>, AutoCloseable {
        @Override
        default void close() throws Exception {
        }
    }

    /** One thread's measured latencies, in nanoseconds. */
    private static final class Recorder {
        private long[] latencies = new long[16_384];
        private int size;
        private long errors;

        void ok(long nanos) {
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = nanos;
        }
    }

    private FixedConcurrencyLoad() {
    }

    static Outcome run(int concurrency, Duration warmup, Duration measured, Supplier<Worker> workers) throws InterruptedException {
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + measured.toNanos();
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            Thread thread = new Thread(() -> loop(workers, recorder, warmupEnd, end), "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long errors = recorders.stream().mapToLong(r -> r.errors).sum();
        long[] all = recorders.stream().flatMapToLong(r -> Arrays.stream(r.latencies, 0, r.size)).sorted().toArray();
        double p50 = all.length == 0 ? Double.NaN : all[(int) (all.length * 0.50)] / 1e6;
        double p99 = all.length == 0 ? Double.NaN : all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6;
        return new Outcome(all.length, errors, measured.toNanos() / 1e9, p50, p99);
    }

    private static void loop(Supplier<Worker> workers, Recorder recorder, long warmupEnd, long end) {
        try (Worker worker = workers.get()) {
            while (true) {
                long start = System.nanoTime();
                if (start >= end) {
                    return;
                }
                boolean ok;
                try {
                    ok = worker.call();
                } catch (Exception e) {
                    ok = false;
                }
                long finished = System.nanoTime();
                // Only requests wholly inside the measured span count, so none is cut in two.
                if (start >= warmupEnd && finished <= end) {
                    if (ok) {
                        recorder.ok(finished - start);
                    } else {
                        recorder.errors++;
                    }
                }
            }
        } catch (Exception e) {
            recorder.errors++;
        }
    }
}
