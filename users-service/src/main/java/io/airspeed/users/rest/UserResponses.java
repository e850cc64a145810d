package io.airspeed.users.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.airspeed.users.domain.AircallIdentity;
import io.airspeed.users.domain.IdentityKind;
import io.airspeed.users.domain.Org;
import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.Seat;
import io.airspeed.users.domain.User;
import io.airspeed.users.service.RosterService.RosterEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies the users API answers with. */
public final class UserResponses {

    private UserResponses() {
    }

    @Schema(name = "User")
    public record UserView(UUID id, String email, String name, Role role, Seat seat, boolean active,
                           Instant createdAt, Instant updatedAt, Instant deactivatedAt,
                           List<IdentityView> aircallIdentities) {

        static UserView of(User user, List<AircallIdentity> identities) {
            return new UserView(user.id, user.email, user.name, user.role, user.seat, user.active, user.createdAt,
                    user.updatedAt, user.deactivatedAt, identities.stream().map(IdentityView::of).toList());
        }
    }

    @Schema(name = "AircallIdentity")
    public record IdentityView(UUID id, IdentityKind kind, String value, Instant createdAt) {

        static IdentityView of(AircallIdentity identity) {
            return new IdentityView(identity.id, identity.kind, identity.value, identity.createdAt);
        }
    }

    @Schema(name = "Page")
    public record PageView<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

        static <T> PageView<T> of(List<T> items, int page, int size, long totalItems) {
            return new PageView<>(items, page, size, totalItems, (totalItems + size - 1) / size);
        }
    }

    @Schema(name = "CreatedOrg")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedOrgView(UUID id, String name, Instant createdAt, UUID adminUserId) {

        static CreatedOrgView of(Org org, User admin) {
            return new CreatedOrgView(org.id, org.name, org.createdAt, admin == null ? null : admin.id);
        }
    }

    @Schema(name = "Roster")
    public record RosterView(UUID orgId, List<RosterEntry> users) {
    }
}
