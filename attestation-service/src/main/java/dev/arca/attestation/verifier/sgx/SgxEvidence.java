package dev.arca.attestation.verifier.sgx;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.intel.EvidenceFields;
import tools.jackson.databind.JsonNode;

/**
 * SGX evidence (Trustee sgx verifier): {@code {"quote": b64std(SGX ECDSA quote v3)}}, as upstream's SGX attester
 * sends it. Other members are ignored.
 *
 * @param quote the quote, not yet parsed
 */
record SgxEvidence(byte[] quote) {

    static SgxEvidence parse(JsonNode evidence) throws VerificationException {
        JsonNode object = EvidenceFields.object(evidence, "sgx", "{\"quote\": <base64>}");
        return new SgxEvidence(EvidenceFields.required(object, "quote", "sgx"));
    }
}
