package io.airspeed.deployment.support;

import java.util.Set;

/**
 * One operation a service serves: HTTP method, path with every template variable written
 * {@code {}} (so {@code /api/users/{id}} and {@code /api/users/{userId}} compare equal), and the
 * query parameters it declares.
 */
public record Endpoint(String method, String path, Set<String> queryParameters) {

    public static String normalizePath(String path) {
        String normalized = ("/" + path).replaceAll("\\{[^}]*}", "{}").replaceAll("/+", "/");
        return normalized.length() > 1 && normalized.endsWith("/")
                ? normalized.substring(0, normalized.length() - 1)
                : normalized;
    }

    /** Whether a concrete request path (no templates) is this operation's path. */
    public boolean matches(String method, String concretePath) {
        if (!this.method.equalsIgnoreCase(method)) {
            return false;
        }
        String[] mine = path.split("/", -1);
        String[] theirs = normalizePath(concretePath).split("/", -1);
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (!mine[i].equals("{}") && !mine[i].equals(theirs[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether this operation's path lies under an Ingress "Prefix" path (element-wise, as Kubernetes matches). */
    public boolean isUnderPrefix(String prefix) {
        String p = normalizePath(prefix);
        return p.equals("/") || path.equals(p) || path.startsWith(p + "/");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
