package dev.arca.agent.keyprovider;

import dev.arca.model.json.Json;
import dev.arca.model.resource.ResourceUri;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ocicrypt key-provider protocol in "cmd" mode, unwrap side (guest-components confidential-data-hub api.proto;
 * guest-components IMAGE_ENCRYPTION.md): ocicrypt runs the provider with a {@code KeyProviderKeyWrapProtocolInput} on
 * stdin, {@code {"op": "keyunwrap", "keyunwrapparams": {"dc": ..., "annotation": b64(annotation packet JSON)}}}, and
 * reads {@code {"keyunwrapresults": {"optsdata": b64(layer key)}}} from stdout. The key-encryption key is a KBS
 * resource named by the packet's {@code kid}; the layer key is AES-256-GCM (tag appended) or AES-256-CTR under it.
 */
public final class LayerKeyUnwrapper {

    /** Fetches a KBS resource (attesting as needed). */
    @FunctionalInterface
    public interface ResourceSource {
        byte[] fetch(ResourceUri uri) throws KeyProviderException;
    }

    private final ResourceSource resources;

    public LayerKeyUnwrapper(ResourceSource resources) {
        this.resources = resources;
    }

    /** Answers one protocol input (the bytes read from stdin) with the output JSON bytes. */
    public byte[] handle(byte[] input) throws KeyProviderException {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(input);
        } catch (RuntimeException e) {
            throw new KeyProviderException("key-provider input is not JSON");
        }
        if (request == null || !request.isObject()) {
            throw new KeyProviderException("key-provider input is not a JSON object");
        }
        String op = request.path("op").asString("");
        if ("keywrap".equals(op)) {
            throw new KeyProviderException("op keywrap is not supported: this provider only unwraps (as upstream)");
        }
        if (!"keyunwrap".equals(op)) {
            throw new KeyProviderException("op '" + op + "' is not keyunwrap");
        }
        JsonNode annotation = request.path("keyunwrapparams").get("annotation");
        if (annotation == null || !annotation.isString()) {
            throw new KeyProviderException("keyunwrapparams.annotation is missing");
        }
        JsonNode packetJson;
        try {
            packetJson = Json.MAPPER.readTree(new String(Base64.getDecoder().decode(annotation.asString()),
                    StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new KeyProviderException("keyunwrapparams.annotation is not base64 of a JSON annotation packet");
        }
        byte[] layerKey = unwrap(AnnotationPacket.parse(packetJson));
        ObjectNode output = Json.MAPPER.createObjectNode();
        output.putObject("keyunwrapresults").put("optsdata", Base64.getEncoder().encodeToString(layerKey));
        return Json.writeBytes(output);
    }

    byte[] unwrap(AnnotationPacket packet) throws KeyProviderException {
        if (!AnnotationPacket.KBS_PROVIDER.equals(packet.provider())) {
            throw new KeyProviderException("key provider '" + packet.provider() + "' is not supported (only kbs)");
        }
        if (packet.iv() == null || packet.wrapType() == null) {
            throw new KeyProviderException("annotation packet needs iv and wrap_type for the kbs provider");
        }
        byte[] kek = resources.fetch(packet.kid());
        if (kek.length != 32) {
            throw new KeyProviderException("the key-encryption key at " + packet.kid() + " is " + kek.length
                    + " bytes, not an AES-256 key");
        }
        try {
            return switch (packet.wrapType()) {
                case "A256GCM" -> {
                    if (packet.iv().length != 12) {
                        throw new KeyProviderException("A256GCM needs a 12-byte iv, got " + packet.iv().length);
                    }
                    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                            new GCMParameterSpec(128, packet.iv()));
                    yield gcm.doFinal(packet.wrappedData());
                }
                case "A256CTR" -> {
                    if (packet.iv().length != 16) {
                        throw new KeyProviderException("A256CTR needs a 16-byte iv, got " + packet.iv().length);
                    }
                    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
                    ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new IvParameterSpec(packet.iv()));
                    yield ctr.doFinal(packet.wrappedData());
                }
                default -> throw new KeyProviderException("wrap_type '" + packet.wrapType()
                        + "' is not A256GCM or A256CTR");
            };
        } catch (AEADBadTagException e) {
            throw new KeyProviderException("the layer key does not decrypt under the key at " + packet.kid()
                    + " (wrong key or tampered annotation)", e);
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException("cannot unwrap the layer key: " + e.getMessage(), e);
        }
    }
}
