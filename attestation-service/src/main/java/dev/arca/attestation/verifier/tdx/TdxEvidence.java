package dev.arca.attestation.verifier.tdx;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.intel.EvidenceFields;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * TDX evidence (Trustee tdx verifier): {@code {"quote": b64std(TD quote), "cc_eventlog": b64std(CCEL) | null | ""}},
 * as upstream's TDX attester sends it. Other members are ignored, as upstream's serde does.
 *
 * @param quote    the TD quote (v4 or v5), not yet parsed
 * @param ccel     the CC event log area, when the guest sent one
 */
record TdxEvidence(byte[] quote, Optional<byte[]> ccel) {

    static final String SHAPE = "{\"quote\": <base64>, \"cc_eventlog\": <base64> | null}";

    static TdxEvidence parse(JsonNode evidence) throws VerificationException {
        JsonNode object = EvidenceFields.object(evidence, "tdx", SHAPE);
        return new TdxEvidence(EvidenceFields.required(object, "quote", "tdx"),
                EvidenceFields.optional(object, "cc_eventlog", "tdx"));
    }
}
