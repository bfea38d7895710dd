package dev.arca.model.image;

import dev.arca.model.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code KeyProviderKeyWrapProtocolInput} of the ocicrypt key-provider protocol (containers/ocicrypt
 * docs/keyprovider.md; keywrap/keyprovider): {@code {"op": "keywrap"|"keyunwrap", "keywrapparams": {"ec":
 * {"Parameters": {name: [bytes]}, "DecryptConfig": {...}}, "optsdata": bytes}, "keyunwrapparams": {"dc":
 * {"Parameters": {...}}, "annotation": bytes}}}. Byte fields are read in either caller's spelling (see
 * {@link ByteEncoding}); {@link #answerEncoding()} is the spelling to answer in.
 *
 * @param operation      wrap or unwrap
 * @param parameters     {@code ec.Parameters} for keywrap, {@code dc.Parameters} for keyunwrap (may be empty)
 * @param payload        {@code keywrapparams.optsdata} for keywrap, {@code keyunwrapparams.annotation} for keyunwrap
 * @param answerEncoding number arrays when the caller used them anywhere (ocicrypt-rs), else base64 (Go)
 */
public record KeyProviderInput(Operation operation, Map<String, List<byte[]>> parameters, byte[] payload,
        ByteEncoding answerEncoding) {

    /** The largest input a provider reads: an annotation or options blob is a few hundred bytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    public enum Operation {
        WRAP("keywrap", "keywrapparams", "ec", "optsdata"),
        UNWRAP("keyunwrap", "keyunwrapparams", "dc", "annotation");

        final String op;
        final String params;
        final String config;
        final String payload;

        Operation(String op, String params, String config, String payload) {
            this.op = op;
            this.params = params;
            this.config = config;
            this.payload = payload;
        }

        public String op() {
            return op;
        }
    }

    public KeyProviderInput {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The first value of a parameter as UTF-8 text (ocicrypt puts one "k=v::k=v" string per provider). */
    public String parameterText(String name) {
        List<byte[]> values = parameters.get(name);
        return values == null || values.isEmpty() ? null
                : new String(values.getFirst(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static KeyProviderInput parse(byte[] json) throws KeyProviderException {
        if (json.length > MAX_BYTES) {
            throw new KeyProviderException("key-provider input exceeds " + MAX_BYTES + " bytes");
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(json);
        } catch (RuntimeException e) {
            throw new KeyProviderException("key-provider input is not JSON");
        }
        if (request == null || !request.isObject()) {
            throw new KeyProviderException("key-provider input is not a JSON object");
        }
        String op = request.path("op").asString("");
        Operation operation = switch (op) {
            case "keywrap" -> Operation.WRAP;
            case "keyunwrap" -> Operation.UNWRAP;
            default -> throw new KeyProviderException("op '" + op + "' is neither keywrap nor keyunwrap");
        };
        JsonNode params = request.get(operation.params);
        if (params == null || !params.isObject()) {
            throw new KeyProviderException(operation.params + " is missing");
        }
        boolean arrays = false;
        Map<String, List<byte[]>> parameters = new LinkedHashMap<>();
        JsonNode config = params.get(operation.config);
        if (config != null && !config.isNull()) {
            JsonNode map = config.get("Parameters");
            if (map != null && !map.isNull()) {
                if (!map.isObject()) {
                    throw new KeyProviderException(operation.config + ".Parameters is not an object");
                }
                for (Map.Entry<String, JsonNode> entry : map.properties()) {
                    List<byte[]> values = new ArrayList<>();
                    JsonNode list = entry.getValue();
                    if (list != null && !list.isNull()) {
                        if (!list.isArray()) {
                            throw new KeyProviderException(operation.config + ".Parameters." + entry.getKey()
                                    + " is not a list");
                        }
                        ObjectNode holder = Json.MAPPER.createObjectNode();
                        for (JsonNode item : list) {
                            holder.set("value", item);
                            ByteEncoding.Field field = ByteEncoding.read(holder, "value");
                            if (field != null) {
                                arrays |= field.encoding() == ByteEncoding.NUMBER_ARRAY;
                                values.add(field.value());
                            }
                        }
                    }
                    parameters.put(entry.getKey(), values);
                }
            }
        }
        ByteEncoding.Field payload = ByteEncoding.read(params, operation.payload);
        if (payload == null) {
            throw new KeyProviderException(operation.params + "." + operation.payload + " is missing");
        }
        arrays |= payload.encoding() == ByteEncoding.NUMBER_ARRAY;
        return new KeyProviderInput(operation, parameters, payload.value(),
                arrays ? ByteEncoding.NUMBER_ARRAY : ByteEncoding.BASE64);
    }

    /** This input as JSON, every byte field in {@code encoding} (what a caller of a key provider sends). */
    public byte[] toJson(ByteEncoding encoding) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("op", operation.op);
        for (Operation each : Operation.values()) {
            ObjectNode params = root.putObject(each.params);
            if (each != operation) {
                params.putNull(each.config);
                params.putNull(each.payload);
                continue;
            }
            ObjectNode config = params.putObject(each.config);
            ObjectNode map = config.putObject("Parameters");
            parameters.forEach((name, values) -> {
                ArrayNode list = map.putArray(name);
                for (byte[] value : values) {
                    ObjectNode holder = Json.MAPPER.createObjectNode();
                    encoding.write(holder, "value", value);
                    list.add(holder.get("value"));
                }
            });
            if (each == Operation.WRAP) {
                config.putObject("DecryptConfig").putObject("Parameters");
            }
            encoding.write(params, each.payload, payload);
        }
        return Json.writeBytes(root);
    }
}
