package dev.arca.model.rvps;

/**
 * A provenance message registered with the RVPS (Trustee rvps/README.md): {@code type} names the extractor,
 * {@code payload} its input (for "sample": the standard base64 of a JSON object name → value).
 */
public record RvpsMessage(String version, String type, String payload) {

    public static final String VERSION = "0.1.0";
}
