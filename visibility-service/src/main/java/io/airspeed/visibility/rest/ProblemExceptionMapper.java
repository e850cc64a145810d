package io.airspeed.visibility.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.airspeed.visibility.security.AccessRevokedException;
import io.airspeed.visibility.service.InvalidFieldException;
import io.airspeed.visibility.service.NotAllowedException;
import io.airspeed.visibility.service.NotFoundException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place where failures become {@code application/problem+json} answers. Every 4xx is
 * raised before anything is written, or inside the transaction that it rolls back.
 */
public class ProblemExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

    static final String CONCURRENT_CHANGE = "Someone else changed this at the same moment; read it again and retry";

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.message()).collect(Collectors.joining("; "));
        return problem(400, "Invalid request", detail, request, errors);
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, HttpServerRequest request) {
        return problem(400, "Invalid request", e.field() + " " + e.getMessage(), request,
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    /**
     * Wrong types, unknown enum values and unknown fields. Declared for this exact type because
     * quarkus-rest-jackson ships a mapper for it that would otherwise win over the one below.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return unreadableJson(e, request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = jsonPath(unknown);
            return problem(400, "Invalid request", "Unknown field " + field, request,
                    List.of(new Problem.FieldError(field, "is not a known field")));
        }
        if (e instanceof InvalidFormatException invalid) {
            String field = jsonPath(invalid);
            String allowed = invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                    ? " (one of " + Arrays.toString(invalid.getTargetType().getEnumConstants()) + ")" : "";
            String message = "has an invalid value " + quoted(invalid.getValue()) + allowed;
            return problem(400, "Invalid request", field + " " + message, request,
                    List.of(new Problem.FieldError(field, message)));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            return problem(400, "Invalid request", field + " has the wrong type", request,
                    List.of(new Problem.FieldError(field, "has the wrong type")));
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return problem(400, "Malformed JSON", "The request body is not valid JSON: " + e.getOriginalMessage(),
                request, List.of(new Problem.FieldError("body", "is not valid JSON" + where)));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return problem(404, "Not found", e.getMessage(), request, null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return problem(403, "Forbidden", e.getMessage(), request, null);
    }

    /** Two writers changed the same call at the same moment; the loser may simply retry. */
    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentChange(RuntimeException e, HttpServerRequest request) {
        LOG.debugf(e, "Concurrent change on %s %s", request.method(), request.path());
        return problem(409, "Conflict", CONCURRENT_CHANGE, request, null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        Response response = problem(401, "Unauthorized", "A valid bearer token is required", request, null);
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        String detail = e.getMessage() == null ? "Your token does not allow this operation" : e.getMessage();
        return problem(403, "Forbidden", detail, request, null);
    }

    /** A verified token of someone deactivated or demoted since it was issued (issue 12). */
    @ServerExceptionMapper
    public Response accessRevoked(AccessRevokedException e, HttpServerRequest request) {
        return problem(403, e.title(), e.getMessage(), request, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // The body reader wraps syntax errors (e.g. a truncated body) in a plain 400.
            return unreadableJson(json, request);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        if (status >= 500) {
            return logged(status, title, e, request);
        }
        return problem(status, title, e.getMessage(), request, null);
    }

    /**
     * Anything else: the tenant gets a fixed text and a reference, never the exception's message
     * (SQL, host names, stack details); the log line with the same reference has the details.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        if (request.response().headWritten()) {
            // Quarkus answered already: a chunked body over the cap got its 413 while being read.
            LOG.debugf(e, "Failure after the answer was sent on %s %s", request.method(), request.path());
            return Response.status(request.response().getStatusCode()).build();
        }
        if (ConcurrentChanges.isConcurrentChange(e)) {
            return concurrentChange(new OptimisticLockException(e), request);
        }
        return logged(500, "Internal error", e, request);
    }

    private static Response logged(int status, String title, Throwable e, HttpServerRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Failure %d on %s %s (reference %s)", status, request.method(), request.path(), reference);
        return problem(status, title, "An unexpected error occurred; it has been logged with reference " + reference,
                request, null);
    }

    private static Response problem(int status, String title, String detail, HttpServerRequest request,
                                    List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, request.path(), errors))
                .build();
    }

    /**
     * The offending field without the method and argument: {@code changeVisibility.body.visibility}
     * → {@code visibility}; {@code list.size} → {@code size};
     * {@code upsert.body.participantUserIds[1].<list element>} → {@code participantUserIds[1]};
     * {@code upsertAll.body.calls[3].startedAt} → {@code calls[3].startedAt}.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parameters = new ArrayList<>();
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameters.add(node.getName());
                continue;
            }
            if (node.getIndex() != null || node.getKey() != null) {
                // The index belongs to the container that holds this node, i.e. the previous name.
                property.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!property.isEmpty()) {
                    property.append('.');
                }
                property.append(node.getName());
            }
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return parameters.isEmpty() ? violation.getPropertyPath().toString() : parameters.get(parameters.size() - 1);
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
