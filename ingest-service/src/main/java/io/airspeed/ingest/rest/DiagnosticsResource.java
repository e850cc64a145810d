package io.airspeed.ingest.rest;

import io.airspeed.ingest.security.Caller;
import io.airspeed.ingest.service.AircallLinks;
import io.airspeed.ingest.service.CallQuery;
import io.airspeed.ingest.service.InvalidFieldException;
import io.airspeed.ingest.service.MissingCallAnswer;
import io.airspeed.ingest.service.MissingCallDiagnosis;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

@Path("/api/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Diagnosis")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Caller.ADMIN, Caller.MEMBER})
public class DiagnosticsResource {

    static final int DEFAULT_TOLERANCE_MINUTES = 30;
    static final int MAX_TOLERANCE_MINUTES = 720;

    private final MissingCallDiagnosis diagnosis;
    private final Caller caller;

    DiagnosticsResource(MissingCallDiagnosis diagnosis, Caller caller) {
        this.diagnosis = diagnosis;
        this.caller = caller;
    }

    /** Exactly one form: an Aircall call id, an Aircall link, or a start time with the Aircall user's email. */
    @Schema(name = "MissingCallQuestion")
    public record MissingCallQuestion(
            @Schema(examples = "500000008") Long aircallCallId,
            @Schema(examples = "https://api.aircall.io/v1/calls/500000008") String aircallLink,
            @Schema(examples = "2026-11-20T10:00:00Z") Instant startedAround,
            @Schema(examples = "erin@contractor.test") String aircallUserEmail,
            @Schema(description = "minutes either side of startedAround, 1–720, default 30") Integer toleranceMinutes) {
    }

    @POST
    @Path("/missing-call")
    @Operation(summary = "Why is my call missing? The six checks of the article for one call, as decided and as they stand today",
            description = "Admins may diagnose any call of their org; members the calls they handled, took part in or may see. "
                    + "A call the caller may not know about is answered exactly like one that does not exist (verdict NOT_FOUND).")
    public Uni<MissingCallAnswer> missingCall(MissingCallQuestion question) {
        CallQuery query = queryOf(question);
        return diagnosis.diagnose(new MissingCallDiagnosis.Asker(caller.orgId(), caller.userId(), caller.isAdmin(),
                caller.rawToken()), query);
    }

    static CallQuery queryOf(MissingCallQuestion q) {
        if (q == null) {
            throw new InvalidFieldException("aircallCallId", "is required: give aircallCallId, aircallLink, or startedAround with aircallUserEmail");
        }
        boolean timeForm = q.startedAround() != null || q.aircallUserEmail() != null || q.toleranceMinutes() != null;
        List<String> forms = new ArrayList<>();
        if (q.aircallCallId() != null) {
            forms.add("aircallCallId");
        }
        if (q.aircallLink() != null) {
            forms.add("aircallLink");
        }
        if (timeForm) {
            forms.add(q.startedAround() != null ? "startedAround" : q.aircallUserEmail() != null ? "aircallUserEmail" : "toleranceMinutes");
        }
        if (forms.isEmpty()) {
            throw new InvalidFieldException("aircallCallId", "is required: give aircallCallId, aircallLink, or startedAround with aircallUserEmail");
        }
        if (forms.size() > 1) {
            throw new InvalidFieldException(forms.get(1), "cannot be combined with " + forms.get(0) + ": give exactly one way to find the call");
        }
        if (q.aircallCallId() != null) {
            if (q.aircallCallId() <= 0) {
                throw new InvalidFieldException("aircallCallId", "must be Aircall's positive numeric call id");
            }
            return new CallQuery.ById(q.aircallCallId(), null);
        }
        if (q.aircallLink() != null) {
            OptionalLong id = AircallLinks.callId(q.aircallLink());
            if (id.isEmpty()) {
                throw new InvalidFieldException("aircallLink", "is not an Aircall link carrying a call id (e.g. https://api.aircall.io/v1/calls/123, "
                        + "https://assets.aircall.io/calls/123/recording or the Aircall dashboard's call page)");
            }
            return new CallQuery.ById(id.getAsLong(), q.aircallLink().trim());
        }
        if (q.startedAround() == null) {
            throw new InvalidFieldException("startedAround", "is required with aircallUserEmail (an ISO-8601 instant)");
        }
        if (q.aircallUserEmail() == null || q.aircallUserEmail().isBlank()) {
            throw new InvalidFieldException("aircallUserEmail", "is required with startedAround");
        }
        if (q.aircallUserEmail().length() > 320 || !q.aircallUserEmail().contains("@")) {
            throw new InvalidFieldException("aircallUserEmail", "must be an email address");
        }
        int tolerance = q.toleranceMinutes() == null ? DEFAULT_TOLERANCE_MINUTES : q.toleranceMinutes();
        if (tolerance < 1 || tolerance > MAX_TOLERANCE_MINUTES) {
            throw new InvalidFieldException("toleranceMinutes", "must be between 1 and " + MAX_TOLERANCE_MINUTES);
        }
        return new CallQuery.ByTimeAndEmail(q.startedAround(), q.aircallUserEmail(), tolerance);
    }
}
