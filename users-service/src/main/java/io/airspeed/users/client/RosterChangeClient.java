package io.airspeed.users.client;

import io.airspeed.users.domain.RosterDestination;
import io.airspeed.users.security.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * Sends a batch of an org's roster changes to one destination. Fails with
 * {@link RosterChangeRejectedException} when the answer says sending again cannot help, with
 * {@link DestinationUnavailableException} for anything a retry may outlast.
 */
@ApplicationScoped
public class RosterChangeClient {

    private final IngestRosterApi ingest;
    private final VisibilityRosterApi visibility;
    private final ServiceTokens tokens;

    RosterChangeClient(@RestClient IngestRosterApi ingest, @RestClient VisibilityRosterApi visibility, ServiceTokens tokens) {
        this.ingest = ingest;
        this.visibility = visibility;
        this.tokens = tokens;
    }

    public Uni<Void> send(RosterDestination destination, UUID orgId, RosterChangeBatch batch) {
        String name = destinationName(destination);
        return Uni.createFrom().deferred(() -> destination == RosterDestination.INGEST
                        ? ingest.send(tokens.bearer(), orgId, batch)
                        : visibility.send(tokens.bearer(), orgId, batch))
                .onFailure(failure -> !(failure instanceof RosterChangeRejectedException
                        || failure instanceof DestinationUnavailableException))
                .transform(e -> new DestinationUnavailableException(name + " not reachable: " + e, null, e))
                .replaceWithVoid();
    }

    public static String destinationName(RosterDestination destination) {
        return destination == RosterDestination.INGEST ? "ingest-service" : "visibility-service";
    }
}
