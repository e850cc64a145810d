package io.airspeed.visibility.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;

/** Test-only endpoints that fail the way a lost database or a broken peer does, with internal details. */
@Path("/api/test-only/failures")
@RolesAllowed("admin")
public class FailingTestResource {

    static final String INTERNAL_DETAIL = "connection to db-7.visibility.internal:5432 refused";

    @GET
    @Path("/unexpected")
    public String unexpected() {
        throw new IllegalStateException(INTERNAL_DETAIL);
    }

    @GET
    @Path("/unavailable")
    public String unavailable() {
        throw new WebApplicationException(INTERNAL_DETAIL, 503);
    }
}
