package io.airspeed.aircall.simulator.data;

import io.airspeed.aircall.simulator.model.SimulatedCall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * A company's calls: an immutable base (fixed or generated, possibly a million calls) plus the calls
 * added and changed at run time. The base is never copied: added calls are merged into the index space
 * arithmetically and changed base calls are looked up in a small override map.
 *
 * <p>Readers see an immutable snapshot (lock-free); writers are serialised.
 */
public final class CompanyCallStore implements CallSource {

    private final CallSource base;
    private volatile Overlay overlay = Overlay.EMPTY;

    public CompanyCallStore(CallSource base) {
        this.base = base;
    }

    /** Calls added at run time sort after base calls of the same second. */
    private record Overlay(SimulatedCall[] added, long[] mergedIndex, Map<Long, SimulatedCall> addedById,
                           Map<Long, SimulatedCall> overrides) {
        static final Overlay EMPTY = new Overlay(new SimulatedCall[0], new long[0], Map.of(), Map.of());
    }

    @Override
    public long size() {
        return base.size() + overlay.added.length;
    }

    @Override
    public SimulatedCall get(long index) {
        Overlay o = overlay;
        if (o.added.length == 0) {
            return overridden(o, base.get(index));
        }
        int j = Arrays.binarySearch(o.mergedIndex, index);
        if (j >= 0) {
            return o.added[j];
        }
        int addedBefore = -j - 1;
        return overridden(o, base.get(index - addedBefore));
    }

    @Override
    public long countStartedBefore(long epochSecond) {
        Overlay o = overlay;
        int lo = 0;
        int hi = o.added.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (o.added[mid].startedAt() < epochSecond) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return base.countStartedBefore(epochSecond) + lo;
    }

    @Override
    public SimulatedCall findById(long id) {
        Overlay o = overlay;
        SimulatedCall added = o.addedById.get(id);
        if (added != null) {
            return added;
        }
        SimulatedCall changed = o.overrides.get(id);
        return changed != null ? changed : base.findById(id);
    }

    public synchronized void add(SimulatedCall call) {
        if (findById(call.id()) != null) {
            throw new IllegalArgumentException("a call with id " + call.id() + " already exists");
        }
        Overlay o = overlay;
        List<SimulatedCall> added = new ArrayList<>(Arrays.asList(o.added));
        added.add(call);
        overlay = overlayOf(added, o.overrides);
    }

    /** Removes a call added at run time; the data set's own calls are immutable. */
    public synchronized void remove(long id) {
        Overlay o = overlay;
        if (!o.addedById.containsKey(id)) {
            throw new NoSuchElementException(findById(id) == null ? "no call with id " + id
                    : "call " + id + " belongs to the data set and cannot be removed");
        }
        List<SimulatedCall> added = new ArrayList<>(Arrays.asList(o.added));
        added.removeIf(c -> c.id() == id);
        Map<Long, SimulatedCall> overrides = new HashMap<>(o.overrides);
        overrides.remove(id);
        overlay = overlayOf(added, Map.copyOf(overrides));
    }

    /**
     * Replaces a call by the result of {@code change}. A base call keeps its {@code started_at} (it fixes the
     * call's index, and Aircall never moves a call's start either); an added call may move.
     */
    public synchronized SimulatedCall update(long id, UnaryOperator<SimulatedCall> change) {
        SimulatedCall current = findById(id);
        if (current == null) {
            throw new NoSuchElementException("no call with id " + id);
        }
        SimulatedCall updated = change.apply(current);
        if (updated.id() != id) {
            throw new IllegalArgumentException("a call's id cannot change");
        }
        Overlay o = overlay;
        if (o.addedById.containsKey(id)) {
            List<SimulatedCall> added = new ArrayList<>(Arrays.asList(o.added));
            added.replaceAll(c -> c.id() == id ? updated : c);
            overlay = overlayOf(added, o.overrides);
        } else {
            if (updated.startedAt() != current.startedAt()) {
                throw new IllegalArgumentException("started_at of a data-set call cannot change");
            }
            Map<Long, SimulatedCall> overrides = new HashMap<>(o.overrides);
            overrides.put(id, updated);
            overlay = new Overlay(o.added, o.mergedIndex, o.addedById, Map.copyOf(overrides));
        }
        return updated;
    }

    private Overlay overlayOf(List<SimulatedCall> addedCalls, Map<Long, SimulatedCall> overrides) {
        SimulatedCall[] added = addedCalls.toArray(new SimulatedCall[0]);
        Arrays.sort(added, FixedCallSource.ORDER);
        long[] mergedIndex = new long[added.length];
        Map<Long, SimulatedCall> byId = new HashMap<>();
        for (int j = 0; j < added.length; j++) {
            mergedIndex[j] = j + base.countStartedBefore(added[j].startedAt() + 1);
            byId.put(added[j].id(), added[j]);
        }
        return new Overlay(added, mergedIndex, Map.copyOf(byId), overrides);
    }

    private static SimulatedCall overridden(Overlay o, SimulatedCall call) {
        if (o.overrides.isEmpty()) {
            return call;
        }
        return o.overrides.getOrDefault(call.id(), call);
    }
}
