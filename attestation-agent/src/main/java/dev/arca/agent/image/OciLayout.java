package dev.arca.agent.image;

import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OCI image layout directory (opencontainers image-spec image-layout.md): {@code oci-layout}, {@code index.json}
 * naming manifests by their {@code org.opencontainers.image.ref.name} annotation, and content-addressed
 * {@code blobs/sha256/<hex>} — what skopeo's {@code oci:DIR:REF} transport reads and writes.
 */
public final class OciLayout {

    public static final String SHA256 = "sha256:";
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final long MAX_JSON = 4L * 1024 * 1024;

    private final Path dir;

    private OciLayout(Path dir) {
        this.dir = dir;
    }

    /** An existing layout. */
    public static OciLayout open(Path dir) throws ImageException {
        if (!Files.isRegularFile(dir.resolve("oci-layout")) || !Files.isRegularFile(dir.resolve("index.json"))) {
            throw new ImageException(dir + " is not an OCI image layout (no oci-layout and index.json)");
        }
        return new OciLayout(dir);
    }

    /** An existing layout, or a new empty one. */
    public static OciLayout create(Path dir) throws ImageException {
        try {
            Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
            if (!Files.exists(dir.resolve("oci-layout"))) {
                Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            }
            if (!Files.exists(dir.resolve("index.json"))) {
                Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
            }
        } catch (IOException e) {
            throw new ImageException("cannot create an OCI layout in " + dir + ": " + e.getMessage(), e);
        }
        return open(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The file of a blob, after checking the digest names one (never a path outside the layout). */
    public Path blob(String digest) throws ImageException {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new ImageException("'" + digest + "' is not a sha256 digest");
        }
        return dir.resolve("blobs").resolve("sha256").resolve(digest.substring(SHA256.length()));
    }

    /** The manifest named {@code ref} in the index (or the only one when {@code ref} is null). */
    public ObjectNode manifest(String ref) throws ImageException {
        ArrayNode manifests = manifests(index());
        JsonNode found = null;
        for (JsonNode entry : manifests) {
            String name = entry.path("annotations").path(REF_NAME).asString(null);
            if (ref == null ? manifests.size() == 1 : ref.equals(name)) {
                found = entry;
            }
        }
        if (found == null) {
            throw new ImageException(ref == null ? dir + " holds " + manifests.size() + " images: name one"
                    : "no image named '" + ref + "' in " + dir);
        }
        JsonNode manifest = readJson(found.path("digest").asString(null));
        if (!manifest.isObject() || !manifest.path("layers").isArray()) {
            throw new ImageException("the manifest of '" + ref + "' is not an image manifest with layers");
        }
        return (ObjectNode) manifest;
    }

    /** Parses a JSON blob. */
    public JsonNode readJson(String digest) throws ImageException {
        Path file = blob(digest);
        try {
            if (Files.size(file) > MAX_JSON) {
                throw new ImageException("blob " + digest + " is too large for a manifest");
            }
            return Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ImageException("blob " + digest + " is missing from " + dir);
        } catch (IOException | RuntimeException e) {
            throw new ImageException("blob " + digest + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** Stores bytes as a blob; returns its digest. */
    public String writeBlob(byte[] bytes) throws ImageException {
        try {
            String digest = SHA256 + Hex.of(MessageDigest.getInstance("SHA-256").digest(bytes));
            Files.write(blob(digest), bytes);
            return digest;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ImageException("cannot write a blob to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Moves a file in as a blob; returns its digest. */
    public String moveBlob(Path file) throws ImageException {
        String digest = digest(file);
        try {
            Files.move(file, blob(digest), StandardCopyOption.REPLACE_EXISTING);
            return digest;
        } catch (IOException e) {
            throw new ImageException("cannot store a blob in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Copies a blob from another layout (unless already here). */
    public void copyBlob(OciLayout from, String digest) throws ImageException {
        try {
            if (!Files.exists(blob(digest))) {
                Files.copy(from.blob(digest), blob(digest));
            }
        } catch (IOException e) {
            throw new ImageException("cannot copy blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Stores the manifest and names it {@code ref} in the index (replacing an image of that name). */
    public String putManifest(ObjectNode manifest, String ref) throws ImageException {
        byte[] bytes = Json.writeBytes(manifest);
        String digest = writeBlob(bytes);
        ObjectNode index = index();
        ArrayNode manifests = manifests(index);
        for (int i = manifests.size() - 1; i >= 0; i--) {
            if (ref.equals(manifests.get(i).path("annotations").path(REF_NAME).asString(null))) {
                manifests.remove(i);
            }
        }
        ObjectNode entry = manifests.addObject();
        entry.put("mediaType", manifest.path("mediaType").asString(MANIFEST_TYPE));
        entry.put("digest", digest);
        entry.put("size", bytes.length);
        entry.putObject("annotations").put(REF_NAME, ref);
        try {
            Files.write(dir.resolve("index.json"), Json.writeBytes(index));
        } catch (IOException e) {
            throw new ImageException("cannot write " + dir.resolve("index.json") + ": " + e.getMessage(), e);
        }
        return digest;
    }

    public static String digest(Path file) throws ImageException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return SHA256 + Hex.of(in.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ImageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode index() throws ImageException {
        try {
            JsonNode index = Json.MAPPER.readTree(Files.readAllBytes(dir.resolve("index.json")));
            if (index instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageException(dir.resolve("index.json") + " is not readable JSON: " + e.getMessage(), e);
        }
        throw new ImageException(dir.resolve("index.json") + " is not a JSON object");
    }

    private static ArrayNode manifests(ObjectNode index) throws ImageException {
        JsonNode manifests = index.get("manifests");
        if (manifests == null || manifests.isNull()) {
            return index.putArray("manifests");
        }
        if (!(manifests instanceof ArrayNode array)) {
            throw new ImageException("index.json 'manifests' is not a list");
        }
        return array;
    }
}
