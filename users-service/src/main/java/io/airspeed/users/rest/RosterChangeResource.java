package io.airspeed.users.rest;

import io.airspeed.users.domain.DeliveryStatus;
import io.airspeed.users.domain.RosterChangeOutbox;
import io.airspeed.users.rest.UserResponses.PageView;
import io.airspeed.users.security.Caller;
import io.airspeed.users.service.InvalidFieldException;
import io.airspeed.users.service.RosterChangeService;
import io.airspeed.users.service.RosterChangeService.RecordedChange;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The roster change feed of the caller's org, as an admin checks that ingestion and visibility got every change. */
@Path("/api/roster-changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Roster changes")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class RosterChangeResource {

    private final RosterChangeService changes;
    private final Caller caller;

    RosterChangeResource(RosterChangeService changes, Caller caller) {
        this.changes = changes;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Roster changes of the caller's org, newest first, with their delivery per destination (admin)",
            description = "status=PENDING|DELIVERED|REJECTED lists the changes with at least one destination in that status. "
                    + "A REJECTED change was refused by a destination and is kept, never dropped.")
    public Uni<PageView<RosterChangeView>> list(
            @Parameter(description = "PENDING, DELIVERED or REJECTED") @QueryParam("status") String statusParameter,
            @QueryParam("page") String pageParameter, @QueryParam("size") String sizeParameter) {
        DeliveryStatus status = status(statusParameter);
        int page = QueryParameters.page(pageParameter);
        int size = QueryParameters.size(sizeParameter);
        return changes.page(caller.orgId(), status, page, size)
                .map(result -> PageView.of(result.items().stream().map(RosterChangeView::of).toList(), page, size,
                        result.totalItems()));
    }

    private static DeliveryStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of " + Arrays.toString(DeliveryStatus.values()));
        }
    }

    @Schema(name = "RosterChange")
    public record RosterChangeView(UUID id, long sequence, String kind, UUID userId, Instant occurredAt, UserStateView user,
                                   List<String> emails, List<Long> aircallUserIds, List<DestinationView> destinations) {

        static RosterChangeView of(RecordedChange recorded) {
            RosterChangeOutbox change = recorded.change();
            return new RosterChangeView(change.changeId, change.sequence, change.kind.name(), change.userId, change.occurredAt,
                    new UserStateView(change.userActive, change.userRole.name(), change.userSeat.name()),
                    Arrays.asList(change.emails), Arrays.asList(change.aircallUserIds),
                    recorded.destinations().stream().map(DestinationView::of).toList());
        }
    }

    @Schema(name = "RosterChangeUserState", description = "The user's state after the change")
    public record UserStateView(boolean active, String role, String seat) {
    }

    @Schema(name = "RosterChangeDelivery")
    public record DestinationView(String destination, DeliveryStatus status, int attempts, Instant nextAttemptAt,
                                  Instant deliveredAt,
                                  @Schema(description = "A short text for admins; the details are in the service's log")
                                  String lastError) {

        static DestinationView of(RosterChangeOutbox row) {
            return new DestinationView(row.destination.name(), row.status, row.attempts,
                    row.status == DeliveryStatus.PENDING ? row.nextAttemptAt : null, row.deliveredAt, row.lastPublicError);
        }
    }
}
