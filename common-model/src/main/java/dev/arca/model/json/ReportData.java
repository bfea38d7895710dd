package dev.arca.model.json;

import java.util.Arrays;
import tools.jackson.databind.JsonNode;

/** How runtime data becomes the bytes a TEE signs, and how a verifier fits them to a hardware field. */
public final class ReportData {

    private ReportData() {
    }

    /** H(JCS(runtime data)) — Trustee kbs_attestation_protocol.md. */
    public static byte[] digest(JsonNode runtimeData, HashAlgorithm algorithm) {
        return algorithm.digest(Jcs.canonicalize(runtimeData));
    }

    /**
     * "regularize" of Trustee deps/verifier: zero-pad a shorter value to the field size, truncate a longer one.
     */
    public static byte[] regularize(byte[] value, int fieldSize) {
        return Arrays.copyOf(value, fieldSize);
    }
}
