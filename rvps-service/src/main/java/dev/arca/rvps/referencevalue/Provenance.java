package dev.arca.rvps.referencevalue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Where stored reference values came from, kept next to them for audit.
 *
 * @param messageType  the {@code RvpsMessage.type} they were registered with
 * @param extractor    the extractor implementation that produced them
 * @param signerKeyId  the id of the key whose signature the extractor verified (in-toto: the layout key); absent when
 *                     the extractor checks no signature
 * @param registeredAt when they were registered
 */
public record Provenance(
        @JsonProperty("message_type") String messageType,
        @JsonProperty("extractor") String extractor,
        @JsonProperty("signer_key_id") @JsonInclude(JsonInclude.Include.NON_NULL) String signerKeyId,
        @JsonProperty("registered_at") Instant registeredAt) {
}
