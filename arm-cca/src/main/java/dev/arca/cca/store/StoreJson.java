package dev.arca.cca.store;

import dev.arca.model.json.Hex;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the hex and text members of upstream's CCA store files, naming the entry on error. */
final class StoreJson {

    private StoreJson() {
    }

    static byte[] hex(JsonNode entry, String field, String what) {
        String text = text(entry, field, what);
        try {
            return Hex.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": '" + field + "' is not hex");
        }
    }

    static String text(JsonNode entry, String field, String what) {
        JsonNode value = entry == null ? null : entry.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException(what + ": '" + field + "' must be a string");
        }
        return value.stringValue();
    }

    static List<byte[]> hexArray(JsonNode entry, String field, String what) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(what + ": '" + field + "' must be an array of hex strings");
        }
        List<byte[]> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw new IllegalArgumentException(what + ": '" + field + "' must be an array of hex strings");
            }
            try {
                items.add(Hex.parse(item.stringValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": '" + field + "' holds a value that is not hex");
            }
        }
        return items;
    }

    static JsonNode array(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("the CCA reference-value store's '" + field + "' must be an array");
        }
        return value;
    }
}
