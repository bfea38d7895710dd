package dev.arca.agent.image;

import dev.arca.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.node.ObjectNode;

/** Small images made in a test's OCI layout: gzip layers of random bytes, a config, a manifest named by a ref. */
public final class TestImages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestImages() {
    }

    /** Writes an image of {@code layerSizes.length} layers as {@code ref}; returns the layer blobs, in order. */
    public static List<byte[]> write(OciLayout layout, String ref, int... layerSizes) throws Exception {
        List<byte[]> layers = new ArrayList<>();
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OciLayout.MANIFEST_TYPE);
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        var diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        var layerArray = Json.MAPPER.createArrayNode();
        for (int size : layerSizes) {
            byte[] content = new byte[size];
            RANDOM.nextBytes(content);
            byte[] gzip = gzip(content);
            layers.add(gzip);
            diffIds.add(OciLayout.SHA256 + dev.arca.model.json.Hex.of(
                    java.security.MessageDigest.getInstance("SHA-256").digest(content)));
            ObjectNode layer = layerArray.addObject();
            layer.put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip");
            layer.put("digest", layout.writeBlob(gzip));
            layer.put("size", gzip.length);
        }
        byte[] configBytes = Json.writeBytes(config);
        ObjectNode configRef = manifest.putObject("config");
        configRef.put("mediaType", "application/vnd.oci.image.config.v1+json");
        configRef.put("digest", layout.writeBlob(configBytes));
        configRef.put("size", configBytes.length);
        manifest.set("layers", layerArray);
        layout.putManifest(manifest, ref);
        return layers;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }

    /** The layer blobs of image {@code ref}, in order. */
    public static List<byte[]> layers(OciLayout layout, String ref) throws Exception {
        List<byte[]> blobs = new ArrayList<>();
        for (var layer : layout.manifest(ref).withArray("layers")) {
            blobs.add(java.nio.file.Files.readAllBytes(layout.blob(layer.path("digest").asString())));
        }
        return blobs;
    }

    /** The media types of the layers of image {@code ref}, in order. */
    public static List<String> mediaTypes(OciLayout layout, String ref) throws Exception {
        List<String> types = new ArrayList<>();
        for (var layer : layout.manifest(ref).withArray("layers")) {
            types.add(layer.path("mediaType").asString());
        }
        return types;
    }
}
