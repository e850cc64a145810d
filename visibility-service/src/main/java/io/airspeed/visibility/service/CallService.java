package io.airspeed.visibility.service;

import io.airspeed.visibility.domain.Call;
import io.airspeed.visibility.domain.CallFilter;
import io.airspeed.visibility.domain.CallParticipant;
import io.airspeed.visibility.domain.Viewer;
import io.airspeed.visibility.domain.Visibility;
import io.airspeed.visibility.domain.VisibilityChange;
import io.airspeed.visibility.repository.CallParticipantRepository;
import io.airspeed.visibility.repository.CallRepository;
import io.airspeed.visibility.domain.Keyset;
import io.airspeed.visibility.repository.VisibilityChangeRepository;
import io.airspeed.visibility.repository.VisibleCallsQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who may see and change which call (rule 5). Every read is scoped to the viewer's org first; a
 * call the viewer may not see is reported exactly like one that does not exist.
 */
@ApplicationScoped
public class CallService {

    /** The same words whether the call does not exist, is another org's, or is private to others. */
    public static final String NOT_FOUND = "No such call";

    private final CallRepository calls;
    private final CallParticipantRepository participants;
    private final VisibilityChangeRepository changes;
    private final Clock clock;

    CallService(CallRepository calls, CallParticipantRepository participants, VisibilityChangeRepository changes,
                Clock clock) {
        this.calls = calls;
        this.participants = participants;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * One page of the calls the viewer may see, newest first. The total is counted only when the
     * position does not carry it (a first page); a page reads one call more than it shows, to know
     * whether another follows.
     */
    @WithSession
    public Uni<CallList> list(Viewer viewer, CallFilter filter, ListPosition position, int size) {
        VisibleCallsQuery query = position.after() != null || position.offset() == 0
                ? VisibleCallsQuery.after(viewer, filter, position.after(), size)
                : VisibleCallsQuery.atOffset(viewer, filter, position.offset(), size);
        return calls.pageIds(query).chain(read -> {
            boolean more = read.size() > size;
            List<UUID> ids = more ? read.subList(0, size) : read;
            return calls.findInOrg(viewer.orgId(), ids).chain(found -> participants.ofCalls(ids)
                    .map(rows -> inListOrder(viewer, ids, found, rows))
                    .chain(items -> total(query, position, ids.size(), more)
                            .map(total -> new CallList(items, more ? keysetOf(ids, found) : null, total))));
        });
    }

    @WithSession
    public Uni<CallDetails> get(Viewer viewer, UUID callId) {
        return calls.findInOrg(viewer.orgId(), callId)
                .onItem().ifNull().failWith(CallService::notFound)
                .chain(call -> participants.ofCall(call.id).chain(rows -> {
                    boolean participant = isParticipant(viewer, rows);
                    if (!call.visibleTo(viewer, participant)) {
                        return Uni.createFrom().failure(notFound());
                    }
                    return withHistory(viewer, call, rows, participant);
                }));
    }

    /**
     * Sets a call public or private and records who did it. 404 when the viewer may not see the
     * call, 403 when they may see it but neither take part in it nor are an admin. Setting the
     * visibility it already has changes nothing and records nothing.
     */
    @WithTransaction
    public Uni<CallDetails> changeVisibility(Viewer viewer, UUID callId, Visibility visibility) {
        Objects.requireNonNull(visibility, "visibility");
        return calls.lockInOrg(viewer.orgId(), callId)
                .onItem().ifNull().failWith(CallService::notFound)
                .chain(call -> participants.ofCall(call.id).chain(rows -> {
                    boolean participant = isParticipant(viewer, rows);
                    if (!call.visibleTo(viewer, participant)) {
                        return Uni.createFrom().failure(notFound());
                    }
                    if (!call.changeableBy(viewer, participant)) {
                        return Uni.createFrom().failure(new NotAllowedException(
                                "Only the call's participants and admins may change its visibility"));
                    }
                    if (call.visibility == visibility) {
                        return withHistory(viewer, call, rows, participant);
                    }
                    Instant now = clock.instant();
                    VisibilityChange change = VisibilityChange.of(call, viewer, call.visibility, visibility, now);
                    call.visibility = visibility;
                    call.updatedAt = now;
                    return changes.persist(change)
                            .chain(() -> changes.flush())
                            .chain(() -> withHistory(viewer, call, rows, participant));
                }));
    }

    /**
     * For the internal diagnosis: was this Aircall call imported for the viewer's org, and may the
     * viewer (whose role comes from their own verified token) see it.
     */
    @WithSession
    public Uni<CallAccess> access(Viewer viewer, long aircallCallId) {
        return calls.findByAircallId(viewer.orgId(), aircallCallId).chain(call -> {
            if (call == null) {
                return Uni.createFrom().item(CallAccess.missing());
            }
            return participants.ofCall(call.id).map(rows -> {
                boolean participant = isParticipant(viewer, rows);
                return new CallAccess(true, call.id, call.visibility, participant, call.visibleTo(viewer, participant));
            });
        });
    }

    private Uni<CallDetails> withHistory(Viewer viewer, Call call, List<CallParticipant> rows, boolean participant) {
        List<UUID> participantIds = CallDetails.participantIds(call, rows);
        boolean canChange = call.changeableBy(viewer, participant);
        if (!viewer.admin()) {
            return Uni.createFrom().item(new CallDetails(call, participantIds, canChange, null));
        }
        return changes.ofCall(call.id).map(history -> new CallDetails(call, participantIds, canChange, history));
    }

    private Uni<ListTotal> total(VisibleCallsQuery query, ListPosition position, int shown, boolean more) {
        if (position.total() != null) {
            return Uni.createFrom().item(position.total());
        }
        // A first page that holds everything needs no count.
        if (!more && position.after() == null && position.offset() == 0) {
            return Uni.createFrom().item(ListTotal.counted(shown));
        }
        return calls.count(query).map(ListTotal::counted);
    }

    /**
     * The next page starts after the last call this one read, whether or not rule 5's re-check kept
     * it; a call gone between the two reads is simply not there when the next page looks.
     */
    private static Keyset keysetOf(List<UUID> ids, List<Call> found) {
        Map<UUID, Call> byId = found.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        for (int i = ids.size() - 1; i >= 0; i--) {
            Call call = byId.get(ids.get(i));
            if (call != null) {
                return new Keyset(call.startedAt, call.id);
            }
        }
        throw new IllegalStateException("None of the page's calls could be loaded");
    }

    private static List<CallDetails> inListOrder(Viewer viewer, List<UUID> ids, List<Call> found,
                                                 List<CallParticipant> rows) {
        Map<UUID, Call> byId = found.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        Map<UUID, List<CallParticipant>> byCall = rows.stream().collect(Collectors.groupingBy(p -> p.callId));
        return ids.stream()
                .map(byId::get)
                .filter(Objects::nonNull)
                .map(call -> {
                    List<CallParticipant> callRows = byCall.getOrDefault(call.id, List.of());
                    boolean participant = isParticipant(viewer, callRows);
                    // The query already applied rule 5; checking again costs nothing and guards it.
                    if (!call.visibleTo(viewer, participant)) {
                        return null;
                    }
                    return new CallDetails(call, CallDetails.participantIds(call, callRows),
                            call.changeableBy(viewer, participant), null);
                })
                .filter(Objects::nonNull)
                .toList();
    }

    private static boolean isParticipant(Viewer viewer, List<CallParticipant> rows) {
        return rows.stream().anyMatch(p -> p.userId.equals(viewer.userId()));
    }

    private static NotFoundException notFound() {
        return new NotFoundException(NOT_FOUND);
    }
}
