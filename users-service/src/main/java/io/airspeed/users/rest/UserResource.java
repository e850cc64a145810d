package io.airspeed.users.rest;

import io.airspeed.users.domain.AircallIdentity;
import io.airspeed.users.domain.User;
import io.airspeed.users.rest.UserRequests.CreateUser;
import io.airspeed.users.rest.UserRequests.PatchUser;
import io.airspeed.users.rest.UserResponses.PageView;
import io.airspeed.users.rest.UserResponses.UserView;
import io.airspeed.users.security.Caller;
import io.airspeed.users.service.AircallIdentityService;
import io.airspeed.users.service.NewUser;
import io.airspeed.users.service.UserChanges;
import io.airspeed.users.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class UserResource {

    private final UserService users;
    private final AircallIdentityService identities;
    private final Caller caller;

    UserResource(UserService users, AircallIdentityService identities, Caller caller) {
        this.users = users;
        this.identities = identities;
        this.caller = caller;
    }

    @GET
    @Path("/me")
    @RolesAllowed({Caller.ADMIN, Caller.MEMBER})
    @Operation(summary = "The caller's own user")
    public Uni<UserView> me() {
        return users.get(caller.orgId(), caller.userId()).flatMap(this::withIdentities);
    }

    @GET
    @Operation(summary = "Users of the caller's org, oldest first (admin)")
    public Uni<PageView<UserView>> list(@QueryParam("page") String pageParameter,
                                        @QueryParam("size") String sizeParameter) {
        int page = QueryParameters.page(pageParameter);
        int size = QueryParameters.size(sizeParameter);
        return users.list(caller.orgId(), page, size).flatMap(result -> {
            List<UUID> ids = result.items().stream().map(u -> u.id).toList();
            return identities.ofUsers(ids).map(all -> {
                Map<UUID, List<AircallIdentity>> byUser = all.stream().collect(Collectors.groupingBy(i -> i.userId));
                List<UserView> views = result.items().stream()
                        .map(u -> UserView.of(u, byUser.getOrDefault(u.id, List.of()))).toList();
                return PageView.of(views, page, size, result.totalItems());
            });
        });
    }

    @POST
    @Operation(summary = "Create a user in the caller's org (admin); 409 when the email is taken")
    public Uni<Response> create(@Valid @NotNull CreateUser body) {
        return users.create(caller.orgId(), new NewUser(body.email(), body.name(), body.role(), body.seat()))
                .map(user -> Response.created(URI.create("/api/users/" + user.id))
                        .entity(UserView.of(user, List.of())).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user of the caller's org (admin)")
    public Uni<UserView> get(@PathParam("id") UUID id) {
        return users.get(caller.orgId(), id).flatMap(this::withIdentities);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change email, name, role, seat or active (admin)")
    public Uni<UserView> patch(@PathParam("id") UUID id, @Valid @NotNull PatchUser body) {
        return users.change(caller.orgId(), id,
                        new UserChanges(body.email(), body.name(), body.role(), body.seat(), body.active()))
                .flatMap(this::withIdentities);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Deactivate a user (admin); the user stays for the history of their calls")
    public Uni<Response> deactivate(@PathParam("id") UUID id) {
        return users.deactivate(caller.orgId(), id).replaceWith(Response.noContent().build());
    }

    private Uni<UserView> withIdentities(User user) {
        return identities.ofUsers(List.of(user.id)).map(found -> UserView.of(user, found));
    }
}
