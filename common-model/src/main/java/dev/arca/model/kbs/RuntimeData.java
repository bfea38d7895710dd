package dev.arca.model.kbs;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The {nonce, tee-pubkey} object of the Attestation message. The key is kept as the JSON the guest sent, because
 * the AS hashes it as received (Trustee kbs_attestation_protocol.md); {@link TeePublicKey#parse} validates it
 * separately.
 */
public record RuntimeData(
        String nonce,
        @JsonProperty("tee-pubkey") JsonNode teePubkey) {
}
