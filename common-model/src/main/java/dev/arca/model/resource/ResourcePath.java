package dev.arca.model.resource;

import java.util.List;
import java.util.regex.Pattern;

/**
 * repository/type/tag of the resource plugin, validated per Trustee resource_repository.md before anything touches
 * storage: exactly three segments, each from [A-Za-z0-9_.-] and never starting with a dot (so no "." or "..").
 */
public record ResourcePath(String repository, String type, String tag) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");

    public ResourcePath {
        requireSegment("repository", repository);
        requireSegment("type", type);
        requireSegment("tag", tag);
    }

    public static ResourcePath of(List<String> segments) {
        if (segments.size() != 3) {
            throw new InvalidResourcePathException(
                    "a resource path has exactly three segments repository/type/tag, got " + segments.size());
        }
        return new ResourcePath(segments.get(0), segments.get(1), segments.get(2));
    }

    /** Parses "repository/type/tag"; an empty trailing segment counts, as upstream counts it. */
    public static ResourcePath parse(String path) {
        return of(List.of(path.split("/", -1)));
    }

    public static boolean isValidSegment(String segment) {
        return segment != null && SEGMENT.matcher(segment).matches();
    }

    private static void requireSegment(String name, String value) {
        if (!isValidSegment(value)) {
            throw new InvalidResourcePathException("invalid resource path " + name + " segment '"
                    + value + "': use [A-Za-z0-9_.-], not starting with '.', at most 128 characters");
        }
    }

    public List<String> segments() {
        return List.of(repository, type, tag);
    }

    @Override
    public String toString() {
        return repository + "/" + type + "/" + tag;
    }
}
