package dev.arca.dcap;

import static org.assertj.core.api.Assertions.fail;

import dev.arca.model.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** JSON equality with a short message naming the first differing path (claims can be tens of kilobytes). */
public final class JsonAssert {

    private JsonAssert() {
    }

    public static void assertSameJson(JsonNode actual, JsonNode expected) {
        JsonNode a = Json.MAPPER.readTree(Json.write(actual));
        JsonNode e = Json.MAPPER.readTree(Json.write(expected));
        String difference = firstDifference("$", a, e);
        if (difference != null) {
            fail("JSON differs at " + difference);
        }
    }

    private static String firstDifference(String path, JsonNode a, JsonNode e) {
        if (a.isObject() && e.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.propertyNames().forEach(names::add);
            e.propertyNames().forEach(names::add);
            for (String name : names) {
                if (!a.has(name) || !e.has(name)) {
                    return path + "." + name + (a.has(name) ? " (unexpected)" : " (missing)");
                }
                String inner = firstDifference(path + "." + name, a.get(name), e.get(name));
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (a.isArray() && e.isArray()) {
            if (a.size() != e.size()) {
                return path + " (size " + a.size() + ", expected " + e.size() + ")";
            }
            for (int i = 0; i < a.size(); i++) {
                String inner = firstDifference(path + "[" + i + "]", a.get(i), e.get(i));
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (a.equals(e)) {
            return null;
        }
        return path + ": " + abbreviate(a.toString()) + " ≠ expected " + abbreviate(e.toString());
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
