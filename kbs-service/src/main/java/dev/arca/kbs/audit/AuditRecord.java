package dev.arca.kbs.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One release or refusal (docs/kbs.md "Audit").
 *
 * @param id           the database id, increasing; null before it is stored
 * @param time         when it was decided
 * @param sessionDigest hex SHA-256 of the RCAR session id of a cookie request ({@link AuditLog#sessionDigest}); null
 *                     for a bearer token. Never the id itself: a session id is a bearer credential while the
 *                     session lives
 * @param tee          the TEE the token attests (from its claims), when known
 * @param claimsSha256 hex SHA-256 of the RFC 8785 canonical form of the verified claims; null when no token verified
 * @param plugin       the plugin, e.g. {@code resource}
 * @param resource     the policy subject: {@code repo/type/tag}, or {@code <plugin>:<path>}
 * @param decision     {@code released} or {@code refused}
 * @param policyId     the policy that decided, when one did
 * @param reason       why: the policy's verdict, or the error name and detail of the refusal
 * @param via          {@code cookie} or {@code bearer}, when a token was presented
 * @param teeKey       a short SHA-256 fingerprint of the TEE key, when a token verified
 * @param status       the HTTP status answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
        Long id,
        Instant time,
        @JsonProperty("session_digest") String sessionDigest,
        String tee,
        @JsonProperty("claims_sha256") String claimsSha256,
        String plugin,
        String resource,
        String decision,
        @JsonProperty("policy_id") String policyId,
        String reason,
        String via,
        @JsonProperty("tee_key") String teeKey,
        int status) {

    public static final String RELEASED = "released";
    public static final String REFUSED = "refused";
}
