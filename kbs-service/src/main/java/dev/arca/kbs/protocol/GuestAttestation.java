package dev.arca.kbs.protocol;

import dev.arca.model.kbs.InitData;
import tools.jackson.databind.JsonNode;

/**
 * An Attestation message of any protocol generation, reduced to what the KBS forwards to the AS (Trustee
 * kbs_attestation_protocol.md and its older versions).
 *
 * @param teePubkey          the guest's key exactly as received (the AS hashes it as received)
 * @param nonce              the nonce the message answers; only 0.4.0 carries one, null before
 * @param primaryEvidence    the JSON text of the primary evidence, as the AS receives it (base64url of these bytes)
 * @param additionalEvidence the additional-evidence string of composite evidence (0.3.0, 0.4.0; may be empty), or
 *                           null for generations without composite evidence — then the guest hashed
 *                           {nonce, tee-pubkey} only
 * @param initData           the init-data of 0.4.0, or null
 */
public record GuestAttestation(JsonNode teePubkey, String nonce, byte[] primaryEvidence, String additionalEvidence,
        InitData initData) {
}
