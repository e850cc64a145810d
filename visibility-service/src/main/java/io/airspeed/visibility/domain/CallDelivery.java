package io.airspeed.visibility.domain;

/** One call as ingestion delivers it: Aircall's id, the delivery's version and the facts it carries. */
public record CallDelivery(long aircallCallId, long deliveryVersion, CallFacts facts) {
}
