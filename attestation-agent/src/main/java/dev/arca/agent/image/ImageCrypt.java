package dev.arca.agent.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encrypts and decrypts every layer of an image in an OCI layout the way ocicrypt does (containers/ocicrypt
 * encryption.go): an encrypted layer has the media type {@code …+encrypted}, its blob is the AES-256-CTR-HMAC
 * ciphertext, {@code org.opencontainers.image.enc.pubopts} holds base64 of the public options, and one annotation
 * per key wrapper holds base64 of what that wrapper made of the private options. The config (with the layers'
 * diff ids) is left as it is.
 */
public final class ImageCrypt {

    public static final String PUBOPTS = "org.opencontainers.image.enc.pubopts";
    public static final String ENCRYPTED_SUFFIX = "+encrypted";
    private static final String ENC_PREFIX = "org.opencontainers.image.enc.";

    private ImageCrypt() {
    }

    /** What was done to one layer. */
    public record LayerResult(String digestBefore, String digestAfter, String mediaType) {
    }

    /** Encrypts image {@code ref} of {@code from} into {@code to} as {@code toRef}; returns its layers. */
    public static List<LayerResult> encrypt(OciLayout from, String ref, OciLayout to, String toRef,
            List<LayerKeyWrap> wrappers) throws ImageException {
        if (wrappers.isEmpty()) {
            throw new ImageException("no recipient: give at least one key wrapper");
        }
        ObjectNode manifest = from.manifest(ref);
        List<LayerResult> results = new ArrayList<>();
        for (JsonNode node : manifest.withArray("layers")) {
            ObjectNode layer = (ObjectNode) node;
            String mediaType = layer.path("mediaType").asString("");
            String digest = layer.path("digest").asString(null);
            if (mediaType.endsWith(ENCRYPTED_SUFFIX)) {
                throw new ImageException("layer " + digest + " is already encrypted");
            }
            Path encrypted = temp(to);
            LayerCipher.Sealed sealed;
            try {
                sealed = LayerCipher.encrypt(from.blob(digest), encrypted, digest);
            } catch (ImageException e) {
                delete(encrypted);
                throw e;
            }
            byte[] optsData = sealed.privateOptions().toJson();
            ObjectNode annotations = layer.has("annotations") ? (ObjectNode) layer.get("annotations")
                    : layer.putObject("annotations");
            for (LayerKeyWrap wrapper : wrappers) {
                String value = Base64.getEncoder().encodeToString(wrapper.wrap(optsData));
                String existing = annotations.path(wrapper.annotation()).asString(null);
                annotations.put(wrapper.annotation(), existing == null ? value : existing + "," + value);
            }
            annotations.put(PUBOPTS, Base64.getEncoder().encodeToString(sealed.publicOptions().toJson()));
            String after = to.moveBlob(encrypted);
            layer.put("mediaType", mediaType + ENCRYPTED_SUFFIX);
            layer.put("digest", after);
            layer.put("size", size(to.blob(after)));
            results.add(new LayerResult(digest, after, mediaType + ENCRYPTED_SUFFIX));
        }
        to.copyBlob(from, manifest.path("config").path("digest").asString(null));
        to.putManifest(manifest, toRef);
        return results;
    }

    /** Decrypts every encrypted layer of image {@code ref} of {@code from} into {@code to} as {@code toRef}. */
    public static List<LayerResult> decrypt(OciLayout from, String ref, OciLayout to, String toRef,
            List<LayerKeyUnwrap> unwrappers) throws ImageException {
        ObjectNode manifest = from.manifest(ref);
        List<LayerResult> results = new ArrayList<>();
        for (JsonNode node : manifest.withArray("layers")) {
            ObjectNode layer = (ObjectNode) node;
            String mediaType = layer.path("mediaType").asString("");
            String digest = layer.path("digest").asString(null);
            if (!mediaType.endsWith(ENCRYPTED_SUFFIX)) {
                to.copyBlob(from, digest);
                continue;
            }
            JsonNode annotations = layer.path("annotations");
            byte[] optsData = optsData(digest, annotations, unwrappers);
            LayerOptions.Private privateOptions = LayerOptions.Private.parse(optsData);
            String pubopts = annotations.path(PUBOPTS).asString(null);
            if (pubopts == null) {
                throw new ImageException("layer " + digest + " has no " + PUBOPTS + " annotation");
            }
            LayerOptions.Public publicOptions = LayerOptions.Public.parse(decodeBase64(pubopts, PUBOPTS));
            Path plain = temp(to);
            try {
                LayerCipher.decrypt(from.blob(digest), plain, privateOptions, publicOptions);
            } catch (ImageException e) {
                delete(plain);
                throw e;
            }
            String after = to.moveBlob(plain);
            String plainType = mediaType.substring(0, mediaType.length() - ENCRYPTED_SUFFIX.length());
            ObjectNode kept = layer.putObject("annotations");
            for (String name : annotations.propertyNames()) {
                if (!name.startsWith(ENC_PREFIX)) {
                    kept.set(name, annotations.get(name));
                }
            }
            if (kept.isEmpty()) {
                layer.remove("annotations");
            }
            layer.put("mediaType", plainType);
            layer.put("digest", after);
            layer.put("size", size(to.blob(after)));
            results.add(new LayerResult(digest, after, plainType));
        }
        to.copyBlob(from, manifest.path("config").path("digest").asString(null));
        to.putManifest(manifest, toRef);
        return results;
    }

    private static byte[] optsData(String digest, JsonNode annotations, List<LayerKeyUnwrap> unwrappers)
            throws ImageException {
        List<String> failures = new ArrayList<>();
        for (LayerKeyUnwrap unwrapper : unwrappers) {
            String value = annotations.path(unwrapper.annotation()).asString(null);
            if (value == null) {
                continue;
            }
            for (String one : value.split(",")) {
                try {
                    byte[] optsData = unwrapper.unwrap(decodeBase64(one, unwrapper.annotation()));
                    if (optsData != null) {
                        return optsData;
                    }
                    failures.add(unwrapper.annotation() + ": not a recipient");
                } catch (ImageException e) {
                    failures.add(unwrapper.annotation() + ": " + e.getMessage());
                }
            }
        }
        throw new ImageException("no key opens layer " + digest
                + (failures.isEmpty() ? " (none of its key annotations has an unwrapper here)" : ": "
                + String.join("; ", failures)));
    }

    private static byte[] decodeBase64(String value, String name) throws ImageException {
        try {
            return Base64.getDecoder().decode(value.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new ImageException("annotation " + name + " is not base64");
        }
    }

    private static Path temp(OciLayout layout) throws ImageException {
        try {
            return Files.createTempFile(layout.dir().resolve("blobs").resolve("sha256"), ".arca-", ".tmp");
        } catch (IOException e) {
            throw new ImageException("cannot write in " + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stray temporary file in the destination; the failure being reported matters more
        }
    }

    private static long size(Path file) throws ImageException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ImageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
