package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.Call;
import io.airspeed.visibility.domain.CallDelivery;
import io.airspeed.visibility.domain.CallFacts;
import io.airspeed.visibility.domain.ImportStatus;
import io.airspeed.visibility.domain.CallParticipant;
import io.airspeed.visibility.repository.CallBatchRepository;
import io.airspeed.visibility.repository.CallParticipantRepository;
import io.airspeed.visibility.repository.CallRepository;
import io.airspeed.visibility.repository.OrgVisibilitySettingsRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final CallBatchRepository batches;
    private final OrgVisibilitySettingsRepository settings;
    private final Clock clock;

    CallImportService(CallRepository calls, CallParticipantRepository participants, CallBatchRepository batches,
                      OrgVisibilitySettingsRepository settings, Clock clock) {
        this.calls = calls;
        this.participants = participants;
        this.batches = batches;
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
        if (endsBeforeItStarts(facts)) {
            return Uni.createFrom().failure(new InvalidFieldException("endedAt", ENDED_BEFORE_STARTED));
        }
        // The advisory lock covers a call that does not exist yet; the row lock one that does, so
        // a visibility change running at the same moment waits instead of failing.
        return calls.lockImport(orgId, aircallCallId)
                .chain(() -> calls.lockByAircallId(orgId, aircallCallId))
                .chain(existing -> existing == null ? create(orgId, aircallCallId, deliveryVersion, facts)
                        : existing.isNewerDelivery(deliveryVersion) ? refresh(existing, deliveryVersion, facts)
                        : unchanged(existing));
    }

    /**
     * Applies each delivery as {@link #upsert} would, set-based: one statement for the calls, one for
     * their participants, one for the ids of the calls left unchanged. Either every call is applied
     * or none: an invalid item (named {@code calls[i].field}) or a call delivered twice fails the
     * whole batch before anything is written.
     *
     * @return one result per delivery, in the order given
     */
    @WithTransaction
    public Uni<List<BatchImportResult>> importAll(UUID orgId, List<CallDelivery> deliveries) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < deliveries.size(); i++) {
            CallDelivery delivery = deliveries.get(i);
            if (!seen.add(delivery.aircallCallId())) {
                return Uni.createFrom().failure(new InvalidFieldException("calls[" + i + "].aircallCallId",
                        "delivers the same call as an earlier item of the batch"));
            }
            if (endsBeforeItStarts(delivery.facts())) {
                return Uni.createFrom().failure(new InvalidFieldException("calls[" + i + "].endedAt", ENDED_BEFORE_STARTED));
            }
        }
        Instant now = clock.instant();
        return settings.ofOrg(orgId)
                .chain(orgSettings -> batches.upsertCalls(orgId, orgSettings.defaultVisibility, now, deliveries))
                .chain(written -> {
                    Map<Long, CallFacts> factsById = new HashMap<>();
                    deliveries.forEach(d -> factsById.put(d.aircallCallId(), d.facts()));
                    Map<UUID, CallFacts> factsByCall = new LinkedHashMap<>();
                    Map<Long, BatchImportResult> results = new HashMap<>();
                    for (var call : written) {
                        factsByCall.put(call.id(), factsById.get(call.aircallCallId()));
                        results.put(call.aircallCallId(), new BatchImportResult(call.aircallCallId(), call.id(),
                                call.created() ? ImportStatus.CREATED : ImportStatus.UPDATED));
                    }
                    List<Long> unchanged = deliveries.stream().map(CallDelivery::aircallCallId)
                            .filter(id -> !results.containsKey(id)).toList();
                    Uni<Void> participantsWritten = factsByCall.isEmpty() ? Uni.createFrom().voidItem()
                            : batches.replaceParticipants(orgId, now, factsByCall);
                    // Read after the upsert, in a statement of its own: a call another batch created
                    // meanwhile is seen once that batch committed (its row lock made this one wait).
                    return participantsWritten
                            .chain(() -> unchanged.isEmpty() ? Uni.createFrom().item(Map.<Long, UUID>of())
                                    : batches.idsOf(orgId, unchanged))
                            .map(ids -> {
                                unchanged.forEach(id -> results.put(id, new BatchImportResult(id, ids.get(id),
                                        ImportStatus.UNCHANGED)));
                                return deliveries.stream().map(d -> results.get(d.aircallCallId())).toList();
                            });
                });
    }

    private static final String ENDED_BEFORE_STARTED = "must not be before startedAt";

    private static boolean endsBeforeItStarts(CallFacts facts) {
        return facts.endedAt() != null && facts.endedAt().isBefore(facts.startedAt());
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
