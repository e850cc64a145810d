package io.airspeed.ingest.service;

import io.airspeed.ingest.aircall.AircallCredentialsRejectedException;
import io.airspeed.ingest.aircall.AircallUnavailableException;
import io.airspeed.ingest.client.DependencyUnavailableException;

/**
 * The short message a tenant reads in {@code run.error}. Exception text can carry host names,
 * URLs and library internals: it goes to the log, never into the run.
 */
final class RunFailures {

    private RunFailures() {
    }

    static String publicMessage(Throwable failure) {
        if (failure instanceof AircallCredentialsRejectedException rejected) {
            return "Aircall rejected the API key (HTTP " + rejected.status() + "); an admin must connect it again";
        }
        if (failure instanceof AircallUnavailableException) {
            return "Aircall did not answer after retries (errors, timeouts or rate limiting); the next run resumes from the checkpoint";
        }
        if (failure instanceof DependencyUnavailableException) {
            return "users-service unavailable: the roster could not be read, so nothing was decided";
        }
        if (failure instanceof LeaseLostException) {
            return "Stopped: the run lost its org's lease and another run took over";
        }
        if (failure instanceof ConflictException || failure instanceof NotFoundException) {
            return failure.getMessage();
        }
        return "Internal error; the ingest-service log has the details";
    }
}
