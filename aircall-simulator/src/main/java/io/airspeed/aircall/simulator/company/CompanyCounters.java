package io.airspeed.aircall.simulator.company;

import java.util.concurrent.atomic.LongAdder;

/** Per-company traffic counters, cheap under concurrent increments. */
public final class CompanyCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder pagesServed = new LongAdder();
    private final LongAdder callsServed = new LongAdder();
    private final LongAdder badRequests = new LongAdder();
    private final LongAdder notFound = new LongAdder();
    private final LongAdder malformedResponses = new LongAdder();
    private final LongAdder droppedConnections = new LongAdder();

    public void request() {
        requests.increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void serverError() {
        serverErrors.increment();
    }

    public void page(int calls) {
        pagesServed.increment();
        callsServed.add(calls);
    }

    public void badRequest() {
        badRequests.increment();
    }

    public void notFound() {
        notFound.increment();
    }

    public void malformedResponse() {
        malformedResponses.increment();
    }

    public void droppedConnection() {
        droppedConnections.increment();
    }

    public CounterSnapshot snapshot() {
        return new CounterSnapshot(requests.sum(), rateLimited.sum(), serverErrors.sum(), pagesServed.sum(),
                callsServed.sum(), badRequests.sum(), notFound.sum(), malformedResponses.sum(),
                droppedConnections.sum());
    }

    public void reset() {
        requests.reset();
        rateLimited.reset();
        serverErrors.reset();
        pagesServed.reset();
        callsServed.reset();
        badRequests.reset();
        notFound.reset();
        malformedResponses.reset();
        droppedConnections.reset();
    }
}
