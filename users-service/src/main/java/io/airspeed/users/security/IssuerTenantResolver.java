package io.airspeed.users.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the OIDC tenant that verifies a bearer token by the issuer it names: each named tenant
 * ({@code quarkus.oidc.<tenant>.token.issuer}) gets the tokens of its issuer, everything else goes
 * to the default tenant (the user issuer's keys). Today the one named tenant is {@code service}
 * (service key, issuer and audience); another user issuer, such as the web console's identity
 * provider with its JWKS URL, is one more tenant in configuration. The {@code iss} read here is
 * not trusted: the chosen tenant then checks signature, issuer, audience and expiry, so naming
 * another issuer only gets a token checked against a key that did not sign it.
 */
@ApplicationScoped
public class IssuerTenantResolver implements TenantResolver {

    private static final Pattern NAMED_TENANT_ISSUER = Pattern.compile("quarkus\\.oidc\\.([\\w-]+)\\.token\\.issuer");

    private final Map<String, String> tenantByIssuer = new HashMap<>();

    IssuerTenantResolver(Config config) {
        for (String name : config.getPropertyNames()) {
            Matcher tenant = NAMED_TENANT_ISSUER.matcher(name);
            if (tenant.matches()) {
                config.getOptionalValue(name, String.class).ifPresent(issuer -> tenantByIssuer.put(issuer, tenant.group(1)));
            }
        }
    }

    @Override
    public String resolve(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String issuer = unverifiedIssuer(header.substring(7).trim());
        return issuer == null ? null : tenantByIssuer.get(issuer);
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
