package dev.arca.it;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TEST IMPLEMENTATION of the ocicrypt key-provider protocol and CoCo's annotation packet, written from the formats'
 * description alone (containers/ocicrypt docs/keyprovider.md and keywrap/keyprovider; ocicrypt-rs's serde messages;
 * guest-components coco_keyprovider README and IMAGE_ENCRYPTION.md) and sharing no code with Arca: it is the
 * independent counterpart that Arca's providers are checked against.
 *
 * <ul>
 *   <li>Messages: {@code {"op", "keywrapparams": {"ec": {"Parameters": {name: [b64]}, "DecryptConfig": {...}},
 *       "optsdata"}, "keyunwrapparams": {"dc": {"Parameters": ...}, "annotation"}}}; answers {@code
 *       {"keywrapresults": {"annotation"}}} / {@code {"keyunwrapresults": {"optsdata"}}}. Go spells byte fields as
 *       base64 strings; ocicrypt-rs sends keywrap optsdata as the options' JSON text, and byte results as JSON arrays
 *       of numbers.</li>
 *   <li>Annotation packet: {@code {"kid": "kbs:///repo/type/tag", "wrapped_data": b64, "iv": b64, "wrap_type":
 *       "A256GCM"|"A256CTR"}}; GCM: 12-byte IV, tag appended; CTR: 16-byte IV; 32-byte key at the kid.</li>
 * </ul>
 */
final class KeyProviderTestImplementation {

    enum Style { GO, RUST }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Finds the key-encryption key named by a kid. */
    private final Function<String, byte[]> keys;

    KeyProviderTestImplementation(Function<String, byte[]> keys) {
        this.keys = keys;
    }

    // ---- the caller's side: requests as each library writes them, answers as each reads them ----

    static byte[] wrapRequest(Style style, String parameter, byte[] optsData) {
        ObjectNode root = JSON.createObjectNode();
        root.put("op", "keywrap");
        ObjectNode wrap = root.putObject("keywrapparams");
        ObjectNode ec = wrap.putObject("ec");
        ec.putObject("Parameters").putArray("attestation-agent")
                .add(Base64.getEncoder().encodeToString(parameter.getBytes(StandardCharsets.UTF_8)));
        ec.putObject("DecryptConfig").putNull("Parameters");
        if (style == Style.GO) {
            wrap.put("optsdata", Base64.getEncoder().encodeToString(optsData));
        } else {
            wrap.put("optsdata", new String(optsData, StandardCharsets.UTF_8));
        }
        ObjectNode unwrap = root.putObject("keyunwrapparams");
        unwrap.putNull("dc");
        unwrap.putNull("annotation");
        return JSON.writeValueAsBytes(root);
    }

    /** An unwrap request; the RUST style spells the annotation as numbers (serde Vec<u8>). */
    static byte[] unwrapRequest(Style style, byte[] annotation) {
        ObjectNode root = JSON.createObjectNode();
        root.put("op", "keyunwrap");
        ObjectNode wrap = root.putObject("keywrapparams");
        wrap.putNull("ec");
        wrap.putNull("optsdata");
        ObjectNode unwrap = root.putObject("keyunwrapparams");
        unwrap.putObject("dc").putObject("Parameters").putArray("attestation-agent")
                .add(Base64.getEncoder().encodeToString("kbc::null".getBytes(StandardCharsets.UTF_8)));
        put(unwrap, "annotation", annotation, style);
        return JSON.writeValueAsBytes(root);
    }

    /** Reads one result field the way that library would: Go takes a string, serde only an array. */
    static byte[] readResult(Style style, byte[] output, String results, String field) {
        JsonNode value = JSON.readTree(output).path(results).path(field);
        if (style == Style.RUST) {
            if (!value.isArray()) {
                throw new AssertionError("serde cannot read " + field + " as Vec<u8> from " + value.getNodeType());
            }
            byte[] bytes = new byte[value.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) value.get(i).asInt();
            }
            return bytes;
        }
        if (!value.isString()) {
            throw new AssertionError("expected Go's base64 spelling of " + field + ", got " + value.getNodeType());
        }
        return Base64.getDecoder().decode(value.asString());
    }

    // ---- the provider's side ----

    /** Wraps with a fresh or given key: returns the output and the key used. */
    Map.Entry<byte[], byte[]> handleWrap(byte[] input, byte[] kek) throws Exception {
        JsonNode request = JSON.readTree(input);
        JsonNode optsNode = request.path("keywrapparams").path("optsdata");
        Style style = optsNode.asString().startsWith("{") ? Style.RUST : Style.GO;
        byte[] optsData = style == Style.RUST ? optsNode.asString().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(optsNode.asString());
        String parameter = new String(Base64.getDecoder().decode(
                request.path("keywrapparams").path("ec").path("Parameters").path("attestation-agent").get(0)
                        .asString()), StandardCharsets.UTF_8);
        String kid = null;
        String wrapType = "A256GCM";
        for (String pair : parameter.split("::")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("keyid")) {
                kid = kv[1];
            } else if (kv[0].equals("algorithm")) {
                wrapType = kv[1];
            }
        }
        byte[] iv = new byte[wrapType.equals("A256GCM") ? 12 : 16];
        RANDOM.nextBytes(iv);
        byte[] wrapped = crypt(Cipher.ENCRYPT_MODE, wrapType, kek, iv, optsData);
        ObjectNode packet = JSON.createObjectNode();
        packet.put("kid", kid);
        packet.put("wrapped_data", Base64.getEncoder().encodeToString(wrapped));
        packet.put("iv", Base64.getEncoder().encodeToString(iv));
        packet.put("wrap_type", wrapType);
        ObjectNode output = JSON.createObjectNode();
        put(output.putObject("keywrapresults"), "annotation", JSON.writeValueAsBytes(packet), style);
        return Map.entry(JSON.writeValueAsBytes(output), kek);
    }

    /** Unwraps an annotation with the key its kid names; answers in the request's spelling. */
    byte[] handleUnwrap(byte[] input) throws Exception {
        JsonNode annotationNode = JSON.readTree(input).path("keyunwrapparams").path("annotation");
        Style style = annotationNode.isArray() ? Style.RUST : Style.GO;
        byte[] annotation;
        if (style == Style.RUST) {
            annotation = new byte[annotationNode.size()];
            for (int i = 0; i < annotation.length; i++) {
                annotation[i] = (byte) annotationNode.get(i).asInt();
            }
        } else {
            annotation = Base64.getDecoder().decode(annotationNode.asString());
        }
        JsonNode packet = JSON.readTree(annotation);
        byte[] kek = keys.apply(packet.path("kid").asString());
        byte[] optsData = crypt(Cipher.DECRYPT_MODE, packet.path("wrap_type").asString(), kek,
                Base64.getDecoder().decode(packet.path("iv").asString()),
                Base64.getDecoder().decode(packet.path("wrapped_data").asString()));
        ObjectNode output = JSON.createObjectNode();
        put(output.putObject("keyunwrapresults"), "optsdata", optsData, style);
        return JSON.writeValueAsBytes(output);
    }

    private static byte[] crypt(int mode, String wrapType, byte[] kek, byte[] iv, byte[] data) throws Exception {
        if (wrapType.equals("A256GCM")) {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
            return gcm.doFinal(data);
        }
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(mode, new SecretKeySpec(kek, "AES"), new IvParameterSpec(iv));
        return ctr.doFinal(data);
    }

    private static void put(ObjectNode parent, String name, byte[] bytes, Style style) {
        if (style == Style.GO) {
            parent.put(name, Base64.getEncoder().encodeToString(bytes));
        } else {
            ArrayNode array = parent.putArray(name);
            for (byte b : bytes) {
                array.add(b & 0xff);
            }
        }
    }
}
