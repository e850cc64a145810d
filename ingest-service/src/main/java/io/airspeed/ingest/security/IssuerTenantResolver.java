package io.airspeed.ingest.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Picks the OIDC tenant that verifies a bearer token by the issuer it names: the service issuer's
 * tokens go to the {@code service} tenant (service key, issuer and audience), everything else to
 * the default tenant (the user issuer's keys). The {@code iss} read here is not trusted: the chosen
 * tenant then checks signature, issuer, audience and expiry, so naming the other issuer only gets a
 * token checked against the other key, which did not sign it.
 */
@ApplicationScoped
public class IssuerTenantResolver implements TenantResolver {

    public static final String SERVICE_TENANT = "service";

    private final String serviceIssuer;

    IssuerTenantResolver(@ConfigProperty(name = "quarkus.oidc.service.token.issuer") String serviceIssuer) {
        this.serviceIssuer = serviceIssuer;
    }

    @Override
    public String resolve(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return serviceIssuer.equals(unverifiedIssuer(header.substring(7).trim())) ? SERVICE_TENANT : null;
    }

    private static String unverifiedIssuer(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            Object iss = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).getValue("iss");
            return iss instanceof String issuer ? issuer : null;
        } catch (RuntimeException unreadable) {
            // Not a JWT we can read: the default tenant refuses it.
            return null;
        }
    }
}
