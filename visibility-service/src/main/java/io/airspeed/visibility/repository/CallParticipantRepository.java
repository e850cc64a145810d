package io.airspeed.visibility.repository;

import io.airspeed.visibility.domain.CallParticipant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CallParticipantRepository implements PanacheRepositoryBase<CallParticipant, CallParticipant.Key> {

    public Uni<List<CallParticipant>> ofCall(UUID callId) {
        return list("callId", callId);
    }

    public Uni<List<CallParticipant>> ofCalls(Collection<UUID> callIds) {
        if (callIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("callId in ?1", callIds);
    }
}
