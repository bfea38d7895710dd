package dev.arca.deploy.helm;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One rendered Kubernetes object, read through dotted paths such as {@code spec.template.spec.containers[0]}. */
record Manifest(Map<String, Object> body) {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    String kind() {
        return (String) body.get("kind");
    }

    String name() {
        return string("metadata.name");
    }

    /** The value at the path, or null when any step is missing. */
    Object get(String path) {
        return at(body, path);
    }

    String string(String path) {
        Object value = get(path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
        return (Map<String, Object>) get(path);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String path) {
        return (List<Object>) get(path);
    }

    /** Navigates any parsed YAML value. */
    static Object at(Object root, String path) {
        Object current = root;
        Matcher step = STEP.matcher(path);
        while (step.find() && current != null) {
            if (step.group(1) != null) {
                current = current instanceof Map<?, ?> map ? map.get(step.group(1)) : null;
            } else {
                int index = Integer.parseInt(step.group(2));
                current = current instanceof List<?> list && index < list.size() ? list.get(index) : null;
            }
        }
        return current;
    }
}
