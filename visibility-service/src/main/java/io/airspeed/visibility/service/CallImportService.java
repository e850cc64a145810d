package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.Call;
import io.airspeed.visibility.domain.CallFacts;
import io.airspeed.visibility.domain.CallParticipant;
import io.airspeed.visibility.repository.CallParticipantRepository;
import io.airspeed.visibility.repository.CallRepository;
import io.airspeed.visibility.repository.OrgVisibilitySettingsRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Imports calls delivered by ingestion. Idempotent: keyed by (org, Aircall call id); a re-delivery
 * refreshes Aircall's facts (times, duration, participants, links) and never the visibility, which
 * is the org's default at the first import and afterwards only what a person chose.
 */
@ApplicationScoped
public class CallImportService {

    private final CallRepository calls;
    private final CallParticipantRepository participants;
    private final OrgVisibilitySettingsRepository settings;
    private final Clock clock;

    CallImportService(CallRepository calls, CallParticipantRepository participants,
                      OrgVisibilitySettingsRepository settings, Clock clock) {
        this.calls = calls;
        this.participants = participants;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Applies a delivery unless this call already holds its version or a newer one. The check and
     * the write happen under the import lock and the row lock, so two deliveries of one call never
     * interleave: whatever order they arrive in, the newest facts win.
     */
    @WithTransaction
    public Uni<ImportResult> upsert(UUID orgId, long aircallCallId, long deliveryVersion, CallFacts facts) {
        if (facts.endedAt() != null && facts.endedAt().isBefore(facts.startedAt())) {
            return Uni.createFrom().failure(new InvalidFieldException("endedAt", "must not be before startedAt"));
        }
        // The advisory lock covers a call that does not exist yet; the row lock one that does, so
        // a visibility change running at the same moment waits instead of failing.
        return calls.lockImport(orgId, aircallCallId)
                .chain(() -> calls.lockByAircallId(orgId, aircallCallId))
                .chain(existing -> existing == null ? create(orgId, aircallCallId, deliveryVersion, facts)
                        : existing.isNewerDelivery(deliveryVersion) ? refresh(existing, deliveryVersion, facts)
                        : unchanged(existing));
    }

    private Uni<ImportResult> create(UUID orgId, long aircallCallId, long deliveryVersion, CallFacts facts) {
        Instant now = clock.instant();
        return settings.ofOrg(orgId).chain(orgSettings -> {
            Call call = Call.imported(orgId, aircallCallId, deliveryVersion, facts, orgSettings.defaultVisibility, now);
            List<CallParticipant> rows = facts.participantUserIds().stream()
                    .map(userId -> CallParticipant.of(call, userId)).toList();
            return calls.persist(call)
                    .chain(() -> participants.persist(rows))
                    .replaceWith(() -> new ImportResult(details(call, rows), true));
        });
    }

    /** A late or repeated delivery: answered like any re-delivery, with the call as it is held. */
    private Uni<ImportResult> unchanged(Call call) {
        return participants.ofCall(call.id).map(rows -> new ImportResult(details(call, rows), false));
    }

    private Uni<ImportResult> refresh(Call call, long deliveryVersion, CallFacts facts) {
        Instant now = clock.instant();
        return participants.ofCall(call.id).chain(current -> {
            call.deliveryVersion = deliveryVersion;
            call.refresh(facts, now);
            Set<UUID> wanted = facts.participantUserIds();
            Set<UUID> kept = new HashSet<>();
            List<CallParticipant> after = new ArrayList<>();
            boolean removed = false;
            for (CallParticipant participant : current) {
                if (wanted.contains(participant.userId)) {
                    participant.startedAt = call.startedAt;
                    kept.add(participant.userId);
                    after.add(participant);
                } else {
                    removed = true;
                }
            }
            List<CallParticipant> added = wanted.stream()
                    .filter(userId -> !kept.contains(userId))
                    .map(userId -> CallParticipant.of(call, userId))
                    .toList();
            after.addAll(added);
            if (removed || !added.isEmpty()) {
                call.updatedAt = now;
            }
            Uni<Long> removal = removed
                    ? participants.delete("callId = ?1 and userId not in ?2", call.id, wanted)
                    : Uni.createFrom().item(0L);
            return removal
                    .chain(() -> added.isEmpty() ? Uni.createFrom().voidItem() : participants.persist(added))
                    .replaceWith(() -> new ImportResult(details(call, after), false));
        });
    }

    private static CallDetails details(Call call, List<CallParticipant> rows) {
        // The importer is a service, not a person: it may not change visibility and sees no history.
        return new CallDetails(call, CallDetails.participantIds(call, rows), false, null);
    }
}
