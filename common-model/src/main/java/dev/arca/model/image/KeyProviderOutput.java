package dev.arca.model.image;

import dev.arca.model.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code KeyProviderKeyWrapProtocolOutput} (containers/ocicrypt keywrap/keyprovider): {@code {"keywrapresults":
 * {"annotation": bytes}}} or {@code {"keyunwrapresults": {"optsdata": bytes}}}, written in the caller's
 * {@link ByteEncoding}.
 */
public final class KeyProviderOutput {

    private KeyProviderOutput() {
    }

    /** The answer to {@code keywrap}: the annotation packet to store in the layer's provider annotation. */
    public static byte[] wrapped(byte[] annotation, ByteEncoding encoding) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        encoding.write(root.putObject("keywrapresults"), "annotation", annotation);
        return Json.writeBytes(root);
    }

    /** The answer to {@code keyunwrap}: the layer's private options (ocicrypt's optsData). */
    public static byte[] unwrapped(byte[] optsData, ByteEncoding encoding) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        encoding.write(root.putObject("keyunwrapresults"), "optsdata", optsData);
        return Json.writeBytes(root);
    }

    /** Reads a provider's answer to {@code keywrap} (either spelling): the annotation bytes. */
    public static ByteEncoding.Field readWrapped(byte[] output) throws KeyProviderException {
        return read(output, "keywrapresults", "annotation");
    }

    /** Reads a provider's answer to {@code keyunwrap} (either spelling): the optsdata bytes. */
    public static ByteEncoding.Field readUnwrapped(byte[] output) throws KeyProviderException {
        return read(output, "keyunwrapresults", "optsdata");
    }

    private static ByteEncoding.Field read(byte[] output, String results, String field) throws KeyProviderException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(output);
        } catch (RuntimeException e) {
            throw new KeyProviderException("key-provider output is not JSON");
        }
        ByteEncoding.Field value = root == null ? null : ByteEncoding.read(root.get(results), field);
        if (value == null) {
            throw new KeyProviderException("key-provider output lacks " + results + "." + field);
        }
        return value;
    }
}
