package io.airspeed.users.service;

import io.airspeed.users.domain.Org;
import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.RosterChangeKind;
import io.airspeed.users.domain.Seat;
import io.airspeed.users.domain.User;
import io.airspeed.users.repository.OrgRepository;
import io.airspeed.users.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OrgService {

    private final OrgRepository orgs;
    private final UserRepository users;
    private final RosterChangeRecorder rosterChanges;
    private final Clock clock;

    OrgService(OrgRepository orgs, UserRepository users, RosterChangeRecorder rosterChanges, Clock clock) {
        this.orgs = orgs;
        this.users = users;
        this.rosterChanges = rosterChanges;
        this.clock = clock;
    }

    /** Creates the org and, when asked, its first admin (with a Recording seat) in one transaction. */
    @WithTransaction
    public Uni<CreatedOrg> bootstrap(String name, String adminEmail, String adminName) {
        Org org = Org.create(name, clock.instant());
        return orgs.persist(org).chain(saved -> {
            if (adminEmail == null) {
                return Uni.createFrom().item(new CreatedOrg(saved, null));
            }
            User admin = User.create(saved.id, adminEmail, adminName, Role.ADMIN, Seat.RECORDING, clock.instant());
            return users.persist(admin)
                    .call(user -> rosterChanges.record(user, List.of(RosterChangeKind.USER_CREATED),
                            List.of(user.emailNormalized), List.of()))
                    .map(user -> new CreatedOrg(saved, user));
        });
    }

    @WithSession
    public Uni<Org> get(UUID orgId) {
        return orgs.findById(orgId).onItem().ifNull().failWith(() -> new NotFoundException("Unknown org " + orgId));
    }

    public record CreatedOrg(Org org, User admin) {
    }
}
