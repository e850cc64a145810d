package io.airspeed.visibility.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.airspeed.visibility.domain.Call;
import io.airspeed.visibility.domain.CallDirection;
import io.airspeed.visibility.domain.ImportStatus;
import io.airspeed.visibility.domain.OrgVisibilitySettings;
import io.airspeed.visibility.domain.Visibility;
import io.airspeed.visibility.domain.VisibilityChange;
import io.airspeed.visibility.service.BatchImportResult;
import io.airspeed.visibility.service.CallAccess;
import io.airspeed.visibility.service.CallDetails;
import io.airspeed.visibility.service.CallList;
import io.airspeed.visibility.service.ListTotal;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies. Times are ISO-8601 UTC instants. */
public final class CallResponses {

    private CallResponses() {
    }

    @Schema(description = "A call as the caller sees it")
    public record CallView(UUID id, long aircallCallId, UUID ownerUserId, List<UUID> participantUserIds,
                           Instant startedAt, Instant endedAt, int durationSeconds, CallDirection direction,
                           String externalNumber, String aircallLink, String aircallAsset, String recordingReference,
                           Visibility visibility,
                           @Schema(description = "Whether the caller may make this call public or private")
                           boolean canChangeVisibility,
                           Instant importedAt, Instant updatedAt,
                           @Schema(description = "Every visibility change, oldest first; only for admins, absent otherwise")
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<VisibilityChangeView> visibilityHistory) {

        static CallView of(CallDetails details) {
            Call c = details.call();
            List<VisibilityChangeView> history = details.history() == null ? null
                    : details.history().stream().map(VisibilityChangeView::of).toList();
            return new CallView(c.id, c.aircallCallId, c.ownerUserId, details.participantUserIds(), c.startedAt,
                    c.endedAt, c.durationSeconds, c.direction, c.externalNumber, c.aircallLink, c.aircallAsset,
                    c.recordingReference, c.visibility, details.canChangeVisibility(), c.importedAt, c.updatedAt,
                    history);
        }
    }

    /** Registered for reflection: it travels inside a {@code Response} (201 or 200). */
    @RegisterForReflection
    @Schema(description = "An imported call, as the importing service sees it")
    public record ImportedCallView(UUID id, UUID orgId, long aircallCallId, UUID ownerUserId,
                                   List<UUID> participantUserIds, Instant startedAt, Instant endedAt,
                                   int durationSeconds, CallDirection direction, String externalNumber,
                                   String aircallLink, String aircallAsset, String recordingReference,
                                   Visibility visibility, Instant importedAt, Instant updatedAt) {

        static ImportedCallView of(CallDetails details) {
            Call c = details.call();
            return new ImportedCallView(c.id, c.orgId, c.aircallCallId, c.ownerUserId, details.participantUserIds(),
                    c.startedAt, c.endedAt, c.durationSeconds, c.direction, c.externalNumber, c.aircallLink,
                    c.aircallAsset, c.recordingReference, c.visibility, c.importedAt, c.updatedAt);
        }
    }

    @Schema(description = "What a bulk import did, one result per call in the order delivered")
    public record BatchImportView(List<BatchImportResultView> results) {

        static BatchImportView of(List<BatchImportResult> results) {
            return new BatchImportView(results.stream()
                    .map(r -> new BatchImportResultView(r.aircallCallId(), r.id(), r.status())).toList());
        }
    }

    @Schema(description = "One call of a bulk import")
    public record BatchImportResultView(long aircallCallId,
                                        @Schema(description = "The call's id (its /api/calls/{id})") UUID id,
                                        @Schema(description = "CREATED: new, with the org's default visibility; "
                                                + "UPDATED: a newer delivery, Aircall's facts refreshed, the visibility kept; "
                                                + "UNCHANGED: not above the version applied, nothing changed")
                                        ImportStatus status) {
    }

    @Schema(description = "One change of a call's visibility")
    public record VisibilityChangeView(UUID changedBy, boolean changedByAdmin, Instant changedAt, Visibility from,
                                       Visibility to) {

        static VisibilityChangeView of(VisibilityChange change) {
            return new VisibilityChangeView(change.changedBy, change.changedByAdmin, change.changedAt,
                    change.fromVisibility, change.toVisibility);
        }
    }

    @Schema(description = "The org's visibility settings; updatedAt/updatedBy are null until an admin changes them")
    public record VisibilitySettingsView(Visibility defaultVisibility, Instant updatedAt, UUID updatedBy) {

        static VisibilitySettingsView of(OrgVisibilitySettings settings) {
            return new VisibilitySettingsView(settings.defaultVisibility, settings.updatedAt, settings.updatedBy);
        }
    }

    @Schema(description = "Whether the Aircall call was imported for the org and whether the user may see it; "
            + "callId and visibility are absent when it was not imported")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallAccessView(boolean exists, UUID callId, Visibility visibility, boolean userIsParticipant,
                                 boolean visibleToUser) {

        static CallAccessView of(CallAccess access) {
            return new CallAccessView(access.exists(), access.callId(), access.visibility(),
                    access.userIsParticipant(), access.visibleToUser());
        }
    }

    @Schema(description = "One page of the call list")
    public record CallPageView(List<CallView> items, int size,
                               @Schema(description = "Pass as cursor to get the next page; null on the last page")
                               String nextCursor,
                               boolean hasMore,
                               TotalView total,
                               @Schema(deprecated = true, description = "The page number: absent on a page reached by cursor")
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
                               @Schema(deprecated = true, description = "Deprecated: total.value")
                               long totalItems,
                               @Schema(deprecated = true, description = "Deprecated: pages of this size in total.value")
                               long totalPages) {

        static CallPageView of(CallList list, int size, Integer page, String nextCursor) {
            ListTotal total = list.total();
            return new CallPageView(list.items().stream().map(CallView::of).toList(), size, nextCursor, list.hasMore(),
                    new TotalView(total.value(), total.exact()), page, total.value(), (total.value() + size - 1) / size);
        }
    }

    @Schema(description = "How many calls the list holds: exact up to 10,000; above, value is 10,000 and exact is false")
    public record TotalView(long value, boolean exact) {
    }
}
