package io.airspeed.aircall.simulator.company;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps every live credential (Basic {@code api_id:api_token} pair or Bearer token) to its company, so
 * authenticating a request is one lookup and a credential can never belong to two companies.
 */
public final class CredentialRegistry {

    private final Map<String, SimulatedCompany> byCredential = new ConcurrentHashMap<>();

    static String basicKey(String apiId, String apiToken) {
        return "basic\u0000" + apiId + "\u0000" + apiToken;
    }

    static String bearerKey(String token) {
        return "bearer\u0000" + token;
    }

    /** The company the Authorization header belongs to, or null when it matches none. */
    public SimulatedCompany authenticate(String authorization) {
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return byCredential.get(bearerKey(value));
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return byCredential.get(basicKey(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        return null;
    }

    synchronized void replace(SimulatedCompany company, String oldKey, String newKey) {
        if (newKey != null) {
            SimulatedCompany owner = byCredential.get(newKey);
            if (owner != null && owner != company) {
                throw new IllegalArgumentException("credential already belongs to company " + owner.id());
            }
        }
        if (oldKey != null) {
            byCredential.remove(oldKey, company);
        }
        if (newKey != null) {
            byCredential.put(newKey, company);
        }
    }
}
