package dev.arca.model.resource;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guest-side resource URI, {@code kbs[+plugin]://[host[:port]]/seg/seg/...[?query]} (guest-components kbs_protocol).
 * The host is ignored when fetching: the configured KBS URL is used.
 */
public record ResourceUri(String plugin, List<String> segments, String query) {

    public static final String DEFAULT_PLUGIN = "resource";

    private static final Pattern URI = Pattern.compile("kbs(?:\\+([a-z0-9_-]+))?://([^/?#]*)(/[^?#]*)(?:\\?([^#]*))?");

    public ResourceUri {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.stream().anyMatch(s -> !ResourcePath.isValidSegment(s))) {
            throw new InvalidResourcePathException("invalid path segments " + segments);
        }
        if (DEFAULT_PLUGIN.equals(plugin) && segments.size() != 3) {
            throw new InvalidResourcePathException("a kbs:/// resource URI has three segments: repository/type/tag");
        }
    }

    public static ResourceUri parse(String uri) {
        Matcher m = URI.matcher(uri == null ? "" : uri);
        if (!m.matches()) {
            throw new InvalidResourcePathException(
                    "not a resource URI: '" + uri + "' (expected kbs:///repository/type/tag)");
        }
        String plugin = m.group(1) == null ? DEFAULT_PLUGIN : m.group(1);
        List<String> segments = Arrays.asList(m.group(3).substring(1).split("/", -1));
        return new ResourceUri(plugin, segments, m.group(4));
    }

    public static ResourceUri of(ResourcePath path) {
        return new ResourceUri(DEFAULT_PLUGIN, path.segments(), null);
    }

    /** The path below the KBS base URL: {@code /kbs/v0/<plugin>/<segments>[?query]}. */
    public String httpPath() {
        String path = "/kbs/v0/" + plugin + "/" + String.join("/", segments);
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        String scheme = DEFAULT_PLUGIN.equals(plugin) ? "kbs" : "kbs+" + plugin;
        String path = scheme + ":///" + String.join("/", segments);
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
