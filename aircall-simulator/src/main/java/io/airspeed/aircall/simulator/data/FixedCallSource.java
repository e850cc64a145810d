package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.model.SimulatedCall;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small, materialised list of calls (the demo data set, calls added at run time). */
public final class FixedCallSource implements CallSource {

    static final Comparator<SimulatedCall> ORDER =
            Comparator.comparingLong(SimulatedCall::startedAt).thenComparingLong(SimulatedCall::id);

    public static final FixedCallSource EMPTY = new FixedCallSource(List.of());

    private final SimulatedCall[] calls;
    private final Map<Long, SimulatedCall> byId;

    public FixedCallSource(Collection<SimulatedCall> calls) {
        this.calls = calls.toArray(new SimulatedCall[0]);
        Arrays.sort(this.calls, ORDER);
        this.byId = new HashMap<>();
        for (SimulatedCall call : this.calls) {
            if (byId.put(call.id(), call) != null) {
                throw new IllegalArgumentException("duplicate call id " + call.id());
            }
        }
    }

    @Override
    public long size() {
        return calls.length;
    }

    @Override
    public SimulatedCall get(long index) {
        return calls[Math.toIntExact(index)];
    }

    @Override
    public long countStartedBefore(long epochSecond) {
        int lo = 0;
        int hi = calls.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (calls[mid].startedAt() < epochSecond) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public SimulatedCall findById(long id) {
        return byId.get(id);
    }

    public List<SimulatedCall> asList() {
        return List.of(calls);
    }
}
