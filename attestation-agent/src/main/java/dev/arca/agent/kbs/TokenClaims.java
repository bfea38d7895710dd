package dev.arca.agent.kbs;

import dev.arca.model.ear.EarClaims;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The payload of the attestation token the KBS returns (guest-components kbs_protocol). The guest does not verify the
 * signature — it cannot know the AS key and does not need to — it only reads the payload for expiry and to report
 * the appraisal.
 */
public record TokenClaims(JsonNode claims) {

    public static final String UNKNOWN_STATUS = "unknown";

    /** Decodes the second part of a compact JWT. */
    public static TokenClaims parse(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("attestation token is not a compact JWT");
        }
        try {
            JsonNode claims = Json.MAPPER.readTree(Base64s.fromUrl(parts[1]));
            if (!claims.isObject()) {
                throw new IllegalArgumentException("attestation token payload is not a JSON object");
            }
            return new TokenClaims(claims);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("attestation token payload is not JSON", e);
        }
    }

    /** {@code submods.cpu0."ear.status"} of an EAR token. */
    public Optional<String> cpu0Status() {
        JsonNode status = claims.path(EarClaims.SUBMODS).path("cpu0").path(EarClaims.STATUS);
        return status.isString() ? Optional.of(status.asString()) : Optional.empty();
    }

    /** Upstream's rule: invalid when {@code exp < now} or {@code nbf > now}; absent claims never expire. */
    public boolean isValidAt(Instant now) {
        long seconds = now.getEpochSecond();
        JsonNode exp = claims.get("exp");
        JsonNode nbf = claims.get("nbf");
        if (exp != null && exp.isNumber() && exp.asLong() < seconds) {
            return false;
        }
        return nbf == null || !nbf.isNumber() || nbf.asLong() <= seconds;
    }
}
