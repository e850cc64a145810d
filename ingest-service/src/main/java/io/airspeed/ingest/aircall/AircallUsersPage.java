package io.airspeed.ingest.aircall;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The envelope of {@code GET /v1/users}; paged like calls, last page when {@code next_page_link} is null. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AircallUsersPage(List<AircallUser> users, AircallCallsPage.Meta meta) {

    public boolean isLast() {
        return meta == null || meta.nextPageLink() == null;
    }

    public List<AircallUser> usersOrEmpty() {
        return users == null ? List.of() : users;
    }
}
