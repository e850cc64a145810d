package io.airspeed.localstack.demo;

import io.airspeed.aircall.simulator.data.LoadDataSet;
import io.airspeed.aircall.simulator.model.SimulatedUser;
import io.airspeed.localstack.api.AirspeedApi;
import io.airspeed.localstack.api.AirspeedApi.CreatedOrg;
import io.airspeed.localstack.api.DevTokens;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An org whose Aircall account is one of the simulator's generated {@code load} data sets: every
 * Aircall user of the set ({@code user<k>@load.test}) has an Airspeed user with a Recording seat, so
 * the set's recorded long calls (about 80 %) import and the rest are skipped by their own rules.
 */
public record LoadOrg(CreatedOrg org, Map<String, UUID> members, DevTokens tokens) {

    /** Creates the org and its users through users-service and connects the data set's credentials. */
    public static LoadOrg create(AirspeedApi api, String name, LoadDataSet data) {
        String adminEmail = "admin@" + name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + ".test";
        CreatedOrg org = api.createOrg(name, adminEmail, "Admin of " + name);
        LoadOrg created = new LoadOrg(org, new LinkedHashMap<>(), api.tokens());
        String admin = created.adminToken();
        for (SimulatedUser user : data.users()) {
            created.members.put(user.email(), api.createUser(admin, user.email(), user.name(), "MEMBER", "RECORDING"));
        }
        api.awaitRosterChangesDelivered(admin, Duration.ofMinutes(1));
        api.connectAircall(admin, data.apiId(), data.apiToken());
        return created;
    }

    public UUID orgId() {
        return org.orgId();
    }

    public String adminToken() {
        return tokens.admin(org.orgId(), org.adminUserId(), org.adminEmail());
    }

    public String memberToken(String email) {
        return tokens.member(org.orgId(), members.get(email), email);
    }
}
