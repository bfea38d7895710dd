package dev.arca.model.kbs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A resource as the KBS returns it: a flattened JWE JSON object with base64url members (Trustee
 * kbs_attestation_protocol.md). {@code aad} is never sent by the KBS and ignored by guests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JweResponse(
        @JsonProperty("protected") String protectedHeader,
        @JsonProperty("encrypted_key") String encryptedKey,
        String iv,
        String ciphertext,
        String tag,
        String aad) {

    public JweResponse(String protectedHeader, String encryptedKey, String iv, String ciphertext, String tag) {
        this(protectedHeader, encryptedKey, iv, ciphertext, tag, null);
    }
}
