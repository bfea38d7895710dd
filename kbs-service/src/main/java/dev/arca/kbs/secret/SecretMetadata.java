package dev.arca.kbs.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What an admin may see of a stored secret: never its value (docs/kbs.md "Admin API"). A backend leaves out what it
 * does not know: {@code kek_id} only the database backend has (it encrypts), {@code size} Vault does not report
 * without reading the secret, {@code created_at} a directory does not record.
 *
 * @param resource  {@code repo/type/tag}
 * @param size      plaintext length in bytes, or null
 * @param kekId     id of the key-encryption key the secret is sealed under, or null
 * @param createdAt when it was first stored, or null
 * @param updatedAt when it was last written, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretMetadata(String resource, Integer size, @JsonProperty("kek_id") String kekId,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {
}
