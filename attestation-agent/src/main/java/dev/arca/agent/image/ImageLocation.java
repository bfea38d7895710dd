package dev.arca.agent.image;

import java.nio.file.Path;

/**
 * An image in an OCI layout as skopeo's {@code oci:} transport names it: {@code [oci:]DIR[:REF]}. Without REF the
 * layout must hold one image (reading) or the source's name is used (writing).
 */
public record ImageLocation(Path dir, String ref) {

    public static ImageLocation parse(String text) {
        String rest = text.startsWith("oci:") ? text.substring(4) : text;
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no directory: use [oci:]DIR[:REF]");
        }
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && colon < rest.length() - 1 && rest.indexOf('/', colon) < 0) {
            return new ImageLocation(Path.of(rest.substring(0, colon)), rest.substring(colon + 1));
        }
        return new ImageLocation(Path.of(colon == rest.length() - 1 ? rest.substring(0, colon) : rest), null);
    }

    /** The name to write under: this location's, else the source's, else "latest". */
    public String refOr(ImageLocation source) {
        return ref != null ? ref : source.ref != null ? source.ref : "latest";
    }

    @Override
    public String toString() {
        return "oci:" + dir + (ref == null ? "" : ":" + ref);
    }
}
