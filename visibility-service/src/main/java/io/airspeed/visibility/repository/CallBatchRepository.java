package io.airspeed.visibility.repository;

import io.airspeed.visibility.domain.CallDelivery;
import io.airspeed.visibility.domain.CallFacts;
import io.airspeed.visibility.domain.Visibility;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch of deliveries written set-based: one {@code insert ... select from unnest(...) on conflict}
 * for the calls and one statement for their participants, whatever the batch's size. The rules are
 * the single import's ({@code CallImportService.upsert}), said in SQL: a new call takes the org's
 * default visibility; a newer delivery refreshes Aircall's facts and never the visibility; a delivery
 * not above the applied version changes nothing. No advisory lock: the unique key and ON CONFLICT
 * make two concurrent batches of the same calls safe (the second waits on the first's rows, then
 * compares versions), and rows are written in Aircall id order so two batches never lock crosswise.
 */
@ApplicationScoped
public class CallBatchRepository {

    private static final String FACTS = "owner_user_id, started_at, ended_at, duration_seconds, direction,"
            + " external_number, aircall_link, aircall_asset, recording_reference";

    private static final String UPSERT_CALLS = "with input as (select * from unnest(cast(:ids as uuid[]),"
            + " cast(:aircallIds as bigint[]), cast(:owners as uuid[]), cast(cast(:startedAts as text[]) as timestamptz[]),"
            + " cast(cast(:endedAts as text[]) as timestamptz[]), cast(:durations as int[]), cast(:directions as text[]),"
            + " cast(:externalNumbers as text[]), cast(:links as text[]), cast(:assets as text[]),"
            + " cast(:recordings as text[]), cast(:versions as bigint[]))"
            + " as i(id, aircall_call_id, " + FACTS + ", delivery_version)),"
            + " written as (insert into visibility.calls as c (id, org_id, aircall_call_id, visibility, " + FACTS + ","
            + "   imported_at, updated_at, delivery_version, version)"
            + "   select i.id, :org, i.aircall_call_id, :visibility, i.owner_user_id, i.started_at, i.ended_at,"
            + "   i.duration_seconds, i.direction, i.external_number, i.aircall_link, i.aircall_asset, i.recording_reference,"
            + "   :now, :now, i.delivery_version, 0 from input i order by i.aircall_call_id"
            + " on conflict (org_id, aircall_call_id) do update set owner_user_id = excluded.owner_user_id,"
            + "   started_at = excluded.started_at, ended_at = excluded.ended_at, duration_seconds = excluded.duration_seconds,"
            + "   direction = excluded.direction, external_number = excluded.external_number,"
            + "   aircall_link = excluded.aircall_link, aircall_asset = excluded.aircall_asset,"
            + "   recording_reference = excluded.recording_reference, delivery_version = excluded.delivery_version,"
            + "   version = c.version + 1,"
            // updated_at moves only when a fact moved, as Call.refresh does.
            + "   updated_at = case when (c.owner_user_id, c.started_at, c.ended_at, c.duration_seconds, c.direction,"
            + "     c.external_number, c.aircall_link, c.aircall_asset, c.recording_reference)"
            + "     is not distinct from (excluded.owner_user_id, excluded.started_at, excluded.ended_at,"
            + "     excluded.duration_seconds, excluded.direction, excluded.external_number, excluded.aircall_link,"
            + "     excluded.aircall_asset, excluded.recording_reference) then c.updated_at else excluded.updated_at end"
            + " where c.delivery_version < excluded.delivery_version"
            + " returning c.aircall_call_id, c.id, c.xmax = 0 as created)"
            + " select aircall_call_id, id, created from written";

    /**
     * The participants of the applied calls become exactly the wanted ones: the others are deleted,
     * the missing inserted, the kept ones take the call's start; a call whose set changed is marked
     * updated, as the single import does.
     */
    private static final String REPLACE_PARTICIPANTS = "with wanted as (select * from unnest(cast(:callIds as uuid[]),"
            + " cast(:userIds as uuid[]), cast(cast(:startedAts as text[]) as timestamptz[])) as w(call_id, user_id, started_at)),"
            + " removed as (delete from visibility.call_participants p where p.call_id = any(cast(:applied as uuid[]))"
            + "   and not exists (select 1 from wanted w where w.call_id = p.call_id and w.user_id = p.user_id)"
            + "   returning p.call_id),"
            + " added as (insert into visibility.call_participants as p (call_id, user_id, org_id, started_at)"
            + "   select w.call_id, w.user_id, :org, w.started_at from wanted w order by w.call_id, w.user_id"
            + "   on conflict (call_id, user_id) do update set started_at = excluded.started_at"
            + "   where p.started_at is distinct from excluded.started_at"
            + "   returning p.call_id, p.xmax = 0 as inserted)"
            + " update visibility.calls c set updated_at = :now where c.id in (select call_id from removed"
            + "   union select call_id from added where inserted) and c.updated_at <> :now";

    private static final String IDS = "select aircall_call_id, id from visibility.calls where org_id = :org"
            + " and aircall_call_id = any(cast(:aircallIds as bigint[]))";

    /** A call the upsert wrote: created, or updated by a newer delivery. */
    public record WrittenCall(long aircallCallId, UUID id, boolean created) {
    }

    /** Upserts the calls (not their participants); answers those it created or updated. */
    public Uni<List<WrittenCall>> upsertCalls(UUID orgId, Visibility defaultVisibility, Instant now,
                                              List<CallDelivery> deliveries) {
        int n = deliveries.size();
        UUID[] ids = new UUID[n];
        Long[] aircallIds = new Long[n];
        UUID[] owners = new UUID[n];
        String[] startedAts = new String[n];
        String[] endedAts = new String[n];
        Integer[] durations = new Integer[n];
        String[] directions = new String[n];
        String[] externalNumbers = new String[n];
        String[] links = new String[n];
        String[] assets = new String[n];
        String[] recordings = new String[n];
        Long[] versions = new Long[n];
        for (int i = 0; i < n; i++) {
            CallDelivery delivery = deliveries.get(i);
            CallFacts facts = delivery.facts();
            ids[i] = UUID.randomUUID();
            aircallIds[i] = delivery.aircallCallId();
            owners[i] = facts.ownerUserId();
            startedAts[i] = utc(facts.startedAt());
            endedAts[i] = utc(facts.endedAt());
            durations[i] = facts.durationSeconds();
            directions[i] = facts.direction().name();
            externalNumbers[i] = facts.externalNumber();
            links[i] = facts.aircallLink();
            assets[i] = facts.aircallAsset();
            recordings[i] = facts.recordingReference();
            versions[i] = delivery.deliveryVersion();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT_CALLS, Object[].class)
                        .setParameter("ids", ids).setParameter("aircallIds", aircallIds).setParameter("owners", owners)
                        .setParameter("startedAts", startedAts).setParameter("endedAts", endedAts)
                        .setParameter("durations", durations).setParameter("directions", directions)
                        .setParameter("externalNumbers", externalNumbers).setParameter("links", links)
                        .setParameter("assets", assets).setParameter("recordings", recordings)
                        .setParameter("versions", versions).setParameter("org", orgId)
                        .setParameter("visibility", defaultVisibility.name()).setParameter("now", now)
                        .getResultList())
                .map(rows -> rows.stream().map(row -> new WrittenCall(((Number) row[0]).longValue(), (UUID) row[1],
                        (Boolean) row[2])).toList());
    }

    /** Replaces the participants of the written calls with those their deliveries name. */
    public Uni<Void> replaceParticipants(UUID orgId, Instant now, Map<UUID, CallFacts> factsByCall) {
        List<UUID> callIds = new ArrayList<>();
        List<UUID> userIds = new ArrayList<>();
        List<String> startedAts = new ArrayList<>();
        factsByCall.forEach((callId, facts) -> facts.participantUserIds().forEach(userId -> {
            callIds.add(callId);
            userIds.add(userId);
            startedAts.add(utc(facts.startedAt()));
        }));
        return Panache.getSession().chain(session -> session.createNativeQuery(REPLACE_PARTICIPANTS)
                .setParameter("callIds", callIds.toArray(UUID[]::new)).setParameter("userIds", userIds.toArray(UUID[]::new))
                .setParameter("startedAts", startedAts.toArray(String[]::new))
                .setParameter("applied", factsByCall.keySet().toArray(UUID[]::new))
                .setParameter("org", orgId).setParameter("now", now)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Arrays of timestamps travel as ISO-8601 text, cast in SQL: Hibernate hands an array of
     * instants to the reactive driver as {@code Instant[]}, which the driver refuses to encode.
     */
    private static String utc(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Our ids of these Aircall calls of the org (those it holds). */
    public Uni<Map<Long, UUID>> idsOf(UUID orgId, Collection<Long> aircallCallIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(IDS, Object[].class)
                        .setParameter("org", orgId).setParameter("aircallIds", aircallCallIds.toArray(Long[]::new))
                        .getResultList())
                .map(rows -> {
                    Map<Long, UUID> ids = new HashMap<>();
                    rows.forEach(row -> ids.put(((Number) row[0]).longValue(), (UUID) row[1]));
                    return ids;
                });
    }
}
