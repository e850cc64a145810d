package io.airspeed.visibility.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's in-memory view of the users whose tokens are restricted: deactivated ones (no
 * {@code /api/**} at all) and those who are not admins (no admin token). Reading it costs no
 * database round trip. It is replaced by a periodic reload from {@code user_access} and updated at
 * once by the changes this replica makes itself; a change made on another replica arrives with
 * the next reload. A user it does not name is not restricted.
 */
@ApplicationScoped
public class AccessView {

    public enum Restriction {
        /** The user is deactivated: every user token of theirs is refused. */
        DEACTIVATED,
        /** The user is active but not an admin: a token claiming {@code admin} is refused. */
        NOT_ADMIN
    }

    public record Key(UUID orgId, UUID userId) {
    }

    private record Update(long stamp, Key key, Restriction restriction) {
    }

    private volatile Map<Key, Restriction> restricted = new ConcurrentHashMap<>();
    private final List<Update> sinceReload = new ArrayList<>();
    private long stamp;
    private volatile boolean loaded;

    public Restriction of(UUID orgId, UUID userId) {
        return restricted.get(new Key(orgId, userId));
    }

    public static Restriction restrictionOf(boolean active, boolean admin) {
        return !active ? Restriction.DEACTIVATED : admin ? null : Restriction.NOT_ADMIN;
    }

    /** A change this replica just committed. */
    public synchronized void apply(UUID orgId, UUID userId, boolean active, boolean admin) {
        Update update = new Update(++stamp, new Key(orgId, userId), restrictionOf(active, admin));
        put(restricted, update);
        sinceReload.add(update);
    }

    /** Taken before a reload reads the database: what this replica changes after it is kept over the reload. */
    public synchronized long beginReload() {
        return stamp;
    }

    /**
     * Swaps in what a reload read. Changes applied here after the reload began may have committed
     * after its read, so they are applied again on top; those before it are in what it read.
     */
    public synchronized void completeReload(long begunAt, Map<Key, Restriction> read) {
        Map<Key, Restriction> fresh = new ConcurrentHashMap<>(read);
        sinceReload.removeIf(update -> update.stamp() <= begunAt);
        sinceReload.forEach(update -> put(fresh, update));
        restricted = fresh;
        loaded = true;
    }

    /** Whether a reload has completed since start; until then nobody is known to be restricted. */
    public boolean loaded() {
        return loaded;
    }

    public int size() {
        return restricted.size();
    }

    private static void put(Map<Key, Restriction> view, Update update) {
        if (update.restriction() == null) {
            view.remove(update.key());
        } else {
            view.put(update.key(), update.restriction());
        }
    }
}
