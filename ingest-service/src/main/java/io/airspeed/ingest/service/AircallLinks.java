package io.airspeed.ingest.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the call id out of a link a customer pastes: Aircall's {@code direct_link}
 * ({@code https://api.aircall.io/v1/calls/{id}}), the {@code asset} link
 * ({@code https://assets.aircall.io/calls/{id}/...}), or a page of the Aircall dashboard that
 * carries the id (in its path, its fragment route or a {@code call_id}-like parameter).
 */
public final class AircallLinks {

    private static final Pattern CALL_SEGMENT = Pattern.compile("(?:^|/)(?:calls|call|conversations|conversation)/([1-9][0-9]{0,18})(?:[/?#]|$)");
    private static final Pattern CALL_PARAMETER = Pattern.compile("(?:^|[?&])(?:call_id|callId|call)=([1-9][0-9]{0,18})(?:&|$)");
    private static final List<String> HOSTS = List.of("aircall.io");

    private AircallLinks() {
    }

    public static String directLink(long aircallCallId) {
        return "https://api.aircall.io/v1/calls/" + aircallCallId;
    }

    public static OptionalLong callId(String link) {
        if (link == null || link.isBlank() || link.length() > 2000) {
            return OptionalLong.empty();
        }
        URI uri;
        try {
            uri = new URI(link.trim());
        } catch (URISyntaxException e) {
            return OptionalLong.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || HOSTS.stream().noneMatch(h -> host.equals(h) || host.endsWith("." + h))) {
            return OptionalLong.empty();
        }
        for (String part : new String[] {uri.getRawPath(), uri.getRawFragment()}) {
            if (part != null) {
                Matcher m = CALL_SEGMENT.matcher(part);
                if (m.find()) {
                    return parse(m.group(1));
                }
            }
        }
        for (String part : new String[] {uri.getRawQuery(), fragmentQuery(uri.getRawFragment())}) {
            if (part != null) {
                Matcher m = CALL_PARAMETER.matcher(part);
                if (m.find()) {
                    return parse(m.group(1));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static String fragmentQuery(String fragment) {
        return fragment == null || !fragment.contains("?") ? null : fragment.substring(fragment.indexOf('?') + 1);
    }

    private static OptionalLong parse(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
