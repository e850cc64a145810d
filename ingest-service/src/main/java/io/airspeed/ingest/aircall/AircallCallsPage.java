package io.airspeed.ingest.aircall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The envelope of {@code GET /v1/calls}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AircallCallsPage(List<AircallCall> calls, Meta meta) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meta(Integer count, Long total, @JsonProperty("current_page") Integer currentPage,
                       @JsonProperty("per_page") Integer perPage, @JsonProperty("next_page_link") String nextPageLink) {
    }

    /** Aircall's rule: the last page is the one without a next link, whatever count and total say. */
    public boolean isLast() {
        return meta == null || meta.nextPageLink() == null;
    }

    public long total() {
        return meta == null || meta.total() == null ? 0 : meta.total();
    }

    public List<AircallCall> callsOrEmpty() {
        return calls == null ? List.of() : calls;
    }
}
