package io.airspeed.ingest.rest;

import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.InvalidFieldException;
import io.airspeed.ingest.service.ReconciliationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

@Path("/api/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reconciliation")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class ReconciliationResource {

    private final ReconciliationService reconciliation;
    private final Caller caller;
    private final Clock clock;

    ReconciliationResource(ReconciliationService reconciliation, Caller caller, Clock clock) {
        this.reconciliation = reconciliation;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Per UTC day, Aircall's count of calls that started against the decisions of that day (admin; at most 92 days)")
    public Uni<ReconciliationService.Report> reconcile(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new InvalidFieldException("to", "must not be before from");
        }
        if (last.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw new InvalidFieldException("to", "must not be in the future");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > ReconciliationService.MAX_DAYS) {
            throw new InvalidFieldException("to", "must be at most " + ReconciliationService.MAX_DAYS + " days after from (both included)");
        }
        return reconciliation.reconcile(caller.orgId(), first, last);
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(name, "is required (YYYY-MM-DD, a UTC day)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "must be a date YYYY-MM-DD");
        }
    }
}
