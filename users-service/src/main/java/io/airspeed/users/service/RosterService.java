package io.airspeed.users.service;

import io.airspeed.users.domain.AircallIdentity;
import io.airspeed.users.domain.IdentityKind;
import io.airspeed.users.domain.Role;
import io.airspeed.users.domain.Seat;
import io.airspeed.users.domain.User;
import io.airspeed.users.repository.AircallIdentityRepository;
import io.airspeed.users.repository.OrgRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What ingestion reads once per run to decide rules 1 and 2 for every call. */
@ApplicationScoped
public class RosterService {

    private final OrgRepository orgs;
    private final AircallIdentityRepository identities;

    RosterService(OrgRepository orgs, AircallIdentityRepository identities) {
        this.orgs = orgs;
        this.identities = identities;
    }

    @WithSession
    public Uni<List<RosterEntry>> roster(UUID orgId) {
        return orgs.findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Unknown org " + orgId))
                .chain(() -> identities.usersWithIdentities(orgId))
                .map(RosterService::group);
    }

    private static List<RosterEntry> group(List<Object[]> rows) {
        Map<UUID, Builder> byUser = new LinkedHashMap<>();
        for (Object[] row : rows) {
            User user = (User) row[0];
            Builder builder = byUser.computeIfAbsent(user.id, id -> new Builder(user));
            if (row[1] instanceof AircallIdentity identity) {
                if (identity.kind == IdentityKind.EMAIL) {
                    builder.emails.add(identity.valueNormalized);
                } else {
                    builder.aircallUserIds.add(Long.parseLong(identity.valueNormalized));
                }
            }
        }
        return byUser.values().stream().map(Builder::build).toList();
    }

    public record RosterEntry(UUID userId, String email, String name, List<String> normalizedEmails,
                              List<Long> aircallUserIds, Seat seat, Role role, boolean active) {
    }

    private static final class Builder {
        private final User user;
        private final List<String> emails = new ArrayList<>();
        private final List<Long> aircallUserIds = new ArrayList<>();

        Builder(User user) {
            this.user = user;
            emails.add(user.emailNormalized);
        }

        RosterEntry build() {
            return new RosterEntry(user.id, user.email, user.name, List.copyOf(emails), List.copyOf(aircallUserIds),
                    user.seat, user.role, user.active);
        }
    }
}
