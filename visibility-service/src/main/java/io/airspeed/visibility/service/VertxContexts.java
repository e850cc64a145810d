package io.airspeed.visibility.service;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Hibernate Reactive works only on the Vert.x context its session lives on, while schedulers and
 * HTTP answers hand results over on other threads. These helpers bring work back (the same as
 * ingest-service's: services share no code).
 */
@ApplicationScoped
public class VertxContexts {

    private final Vertx vertx;

    VertxContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code work} on a new context of its own, safe for Hibernate Reactive sessions. */
    public <T> Uni<T> onFreshContext(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            context.runOnContext(ignored -> {
                VertxContextSafetyToggle.setCurrentContextSafe(true);
                Uni.createFrom().<T>deferred(work).subscribe().with(emitter::complete, emitter::fail);
            });
        });
    }

    /** An executor that runs on the caller's current Vert.x context. */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("Not on a Vert.x context");
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
