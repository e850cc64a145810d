package io.airspeed.users.rest;

import io.airspeed.users.domain.IdentityKind;
import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.Seat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies the users API accepts. */
public final class UserRequests {

    private UserRequests() {
    }

    @Schema(name = "CreateUser")
    public record CreateUser(
            @NotNull @EmailAddress @Size(max = 320)
            @Schema(examples = "dave@acme.com") String email,
            @NotBlank @Size(max = 200) @Schema(examples = "Dave Miller") String name,
            @NotNull Role role,
            @NotNull Seat seat) {
    }

    /** Every field optional; what is present is changed. */
    @Schema(name = "PatchUser")
    public record PatchUser(
            @EmailAddress @Size(max = 320) String email,
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
            Role role,
            Seat seat,
            @Schema(description = "false deactivates the user, true reactivates") Boolean active) {
    }

    @Schema(name = "LinkAircallIdentity")
    public record LinkAircallIdentity(
            @NotNull IdentityKind kind,
            @NotBlank @Size(max = 320) @Schema(examples = "dave.sales@acme.com") String value) {
    }

    @Schema(name = "CreateOrg")
    public record CreateOrg(
            @NotBlank @Size(max = 200) @Schema(examples = "Acme") String name,
            @jakarta.validation.Valid OrgAdmin admin) {
    }

    @Schema(name = "OrgAdmin")
    public record OrgAdmin(
            @NotNull @EmailAddress @Size(max = 320) String email,
            @NotBlank @Size(max = 200) String name) {
    }
}
