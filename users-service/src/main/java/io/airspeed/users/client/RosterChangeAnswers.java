package io.airspeed.users.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;

import java.util.Set;

/** Tells a refusal that retrying cannot fix from an outage that retrying will outlast. */
final class RosterChangeAnswers {

    /**
     * 4xx that are about us or the moment, not the body: our token (401, 403: a key being
     * rotated), a route not there yet while a receiver is being rolled out (404), a timeout, a
     * concurrent write (409), throttling. These are retried; every other 4xx rejects the batch.
     */
    private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(401, 403, 404, 408, 409, 425, 429);
    private static final int TITLE_MAX = 120;

    private RosterChangeAnswers() {
    }

    static boolean rejectsForGood(int status) {
        return status >= 400 && status < 500 && !RETRYABLE_CLIENT_ERRORS.contains(status);
    }

    static RuntimeException failure(String destination, Response response) {
        int status = response.getStatus();
        if (rejectsForGood(status)) {
            return new RosterChangeRejectedException(status, title(response));
        }
        return new DestinationUnavailableException(destination + " answered HTTP " + status, status, null);
    }

    /** The problem's title: a short fixed text by contract, cut and cleaned anyway before an admin sees it. */
    private static String title(Response response) {
        try {
            response.bufferEntity();
            ProblemAnswer problem = response.readEntity(ProblemAnswer.class);
            if (problem == null || problem.title() == null || problem.title().isBlank()) {
                return null;
            }
            String clean = problem.title().replaceAll("[\\p{Cntrl}]", " ").strip();
            return clean.length() > TITLE_MAX ? clean.substring(0, TITLE_MAX) : clean;
        } catch (RuntimeException notAProblem) {
            return null;
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProblemAnswer(String title) {
    }
}
