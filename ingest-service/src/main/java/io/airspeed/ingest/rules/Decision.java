package io.airspeed.ingest.rules;

import java.util.List;
import java.util.UUID;

/**
 * @param primaryReason       the first failing rule in the article's order; null when imported
 * @param reasons             every failing rule, in that order
 * @param ownerUserId         the Airspeed user who handled the call, when matched
 * @param participantUserIds  the owner and the matched users it was transferred from or to
 */
public record Decision(Outcome outcome, Reason primaryReason, List<Reason> reasons, UUID ownerUserId,
                       List<UUID> participantUserIds) {
}
