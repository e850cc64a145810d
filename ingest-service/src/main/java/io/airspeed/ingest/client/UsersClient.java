package io.airspeed.ingest.client;

import io.airspeed.ingest.rules.Roster;
import io.airspeed.ingest.rules.RosterUser;
import io.airspeed.ingest.security.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The org's roster from users-service, as the rules need it. */
@ApplicationScoped
public class UsersClient {

    private final UsersApi api;
    private final ServiceTokens tokens;

    UsersClient(@RestClient UsersApi api, ServiceTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    /**
     * Fails with {@link DependencyUnavailableException} when users-service cannot answer: a run
     * must then fail rather than skip calls as "not matched" for want of a roster.
     */
    public Uni<Roster> roster(UUID orgId) {
        return api.roster(tokens.bearer(), orgId)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(2)
                .onFailure().transform(e -> new DependencyUnavailableException("users-service did not return the roster of org " + orgId + ": " + e.getMessage(), e))
                .map(UsersClient::toRoster);
    }

    static Roster toRoster(RosterResponse response) {
        List<RosterUser> users = response.users().stream().map(entry -> {
            Set<String> emails = new HashSet<>(entry.normalizedEmails() == null ? List.of() : entry.normalizedEmails());
            if (entry.email() != null) {
                emails.add(Roster.normalize(entry.email()));
            }
            return new RosterUser(entry.userId(), emails,
                    new HashSet<>(entry.aircallUserIds() == null ? List.of() : entry.aircallUserIds()),
                    "RECORDING".equals(entry.seat()), entry.active(), entry.email(), entry.seat());
        }).toList();
        return new Roster(users);
    }
}
