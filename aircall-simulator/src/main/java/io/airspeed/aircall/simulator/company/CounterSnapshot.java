package io.airspeed.aircall.simulator.company;

/** What a company's clients were served since the last reset. */
public record CounterSnapshot(
        long requests,
        long rateLimited,
        long serverErrors,
        long pagesServed,
        long callsServed,
        long badRequests,
        long notFound,
        long malformedResponses,
        long droppedConnections) {
}
