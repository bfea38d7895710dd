package dev.arca.attestation.verifier.nvidia;

import dev.arca.attestation.rvps.ConfiguredReferenceValues;
import dev.arca.nvidia.rim.ReferenceIntegrityManifest;
import dev.arca.nvidia.rim.RimException;
import dev.arca.nvidia.rim.RimReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The reference values of NVIDIA RIM files (docs/verifiers/cca-csv-nvidia.md "RIM files"): every {@code *.xml} and
 * {@code *.swidtag} file of the configured folder is read once at startup, its XML signature verified against the
 * configured trust anchors ({@link RimReader}), and its active measurements become
 * {@code nvidia_measurement_<SPDM index>} (RIM index + 1), the names {@code default_gpu} appraises a locally verified
 * GPU with. A GPU's measurements come from two RIMs (driver and VBIOS), and RIMs of several versions may be given: the
 * values of one index are the union of all of them. A file that cannot be read or does not verify stops the service,
 * naming the file.
 */
public final class NvidiaRimReferenceValues implements ConfiguredReferenceValues {

    static final String PREFIX = "nvidia_measurement_";

    private final Map<Integer, ArrayNode> bySpdmIndex;
    private final List<ReferenceIntegrityManifest> manifests;

    private NvidiaRimReferenceValues(Map<Integer, ArrayNode> bySpdmIndex, List<ReferenceIntegrityManifest> manifests) {
        this.bySpdmIndex = bySpdmIndex;
        this.manifests = List.copyOf(manifests);
    }

    /** @param at the instant at which every RIM's signing chain must be valid (startup) */
    public static NvidiaRimReferenceValues load(Path directory, Path trustAnchorsPem, Instant at) {
        RimReader reader = new RimReader(trustAnchors(trustAnchorsPem));
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".xml")
                    || f.getFileName().toString().endsWith(".swidtag")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("arca.as.nvidia.rim-directory: cannot list " + directory + ": "
                    + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("arca.as.nvidia.rim-directory: " + directory
                    + " holds no RIM file (*.xml, *.swidtag)");
        }
        Map<Integer, Set<String>> values = new TreeMap<>();
        List<ReferenceIntegrityManifest> manifests = new ArrayList<>();
        for (Path file : files) {
            ReferenceIntegrityManifest rim;
            try {
                rim = reader.read(Files.readAllBytes(file), at);
            } catch (IOException e) {
                throw new IllegalStateException("NVIDIA RIM " + file + ": cannot read it: " + e.getMessage(), e);
            } catch (RimException e) {
                throw new IllegalStateException("NVIDIA RIM " + file + ": " + e.getMessage(), e);
            }
            manifests.add(rim);
            rim.measurements().forEach((index, allowed) -> values.computeIfAbsent(
                    ReferenceIntegrityManifest.spdmIndex(index), i -> new LinkedHashSet<>()).addAll(allowed));
        }
        Map<Integer, ArrayNode> bySpdmIndex = new TreeMap<>();
        values.forEach((index, allowed) -> {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            allowed.forEach(array::add);
            bySpdmIndex.put(index, array);
        });
        return new NvidiaRimReferenceValues(Map.copyOf(bySpdmIndex), manifests);
    }

    private static List<X509Certificate> trustAnchors(Path pem) {
        if (pem == null) {
            throw new IllegalStateException("arca.as.nvidia.rim-directory needs arca.as.nvidia.rim-trust-anchors"
                    + " (PEM certificates of the RIM signing root)");
        }
        try {
            List<X509Certificate> anchors = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))).stream()
                    .map(X509Certificate.class::cast).toList();
            if (anchors.isEmpty()) {
                throw new IllegalStateException("arca.as.nvidia.rim-trust-anchors: " + pem + " holds no certificate");
            }
            return anchors;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("arca.as.nvidia.rim-trust-anchors: cannot read " + pem + ": "
                    + e.getMessage(), e);
        }
    }

    /** The RIMs read, for the startup log. */
    public List<ReferenceIntegrityManifest> manifests() {
        return manifests;
    }

    @Override
    public Optional<JsonNode> find(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            ArrayNode values = bySpdmIndex.get(Integer.parseInt(name.substring(PREFIX.length())));
            return Optional.ofNullable(values).map(ArrayNode::deepCopy);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
