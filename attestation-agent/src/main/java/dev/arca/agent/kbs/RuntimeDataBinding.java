package dev.arca.agent.kbs;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the guest binds into its evidence (guest-components kbs_protocol): the runtime-data objects and their digests
 * H(JCS(object)). The attestation service rebuilds the same objects from the Attestation message and compares, so
 * the member names and values here must be exactly those sent.
 */
public final class RuntimeDataBinding {

    private RuntimeDataBinding() {
    }

    /** {"nonce": N, "tee-pubkey": K}: the runtime data of every additional device. */
    public static ObjectNode deviceRuntimeData(String nonce, JsonNode teePubkey) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("nonce", nonce);
        data.set("tee-pubkey", teePubkey);
        return data;
    }

    /**
     * {"tee-pubkey": K, "nonce": N, "additional-evidence": AE}: the primary runtime data; AE is the
     * additional-evidence JSON text, or "" when there are no devices.
     */
    public static ObjectNode primaryRuntimeData(String nonce, JsonNode teePubkey, String additionalEvidence) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.set("tee-pubkey", teePubkey);
        data.put("nonce", nonce);
        data.put("additional-evidence", additionalEvidence);
        return data;
    }

    /** The raw digest handed to the device attesters, not padded (each attester fits it to its field). */
    public static byte[] deviceReportData(String nonce, JsonNode teePubkey, HashAlgorithm hash) {
        return ReportData.digest(deviceRuntimeData(nonce, teePubkey), hash);
    }

    /** The raw digest handed to the primary attester, not padded. */
    public static byte[] primaryReportData(String nonce, JsonNode teePubkey, String additionalEvidence,
            HashAlgorithm hash) {
        return ReportData.digest(primaryRuntimeData(nonce, teePubkey, additionalEvidence), hash);
    }
}
