package dev.arca.attestation.attest;

import dev.arca.attestation.verifier.Verifier;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One decoded verification request: the verifier to use, the evidence JSON, and what the evidence must bind
 * (Trustee attestation-service README).
 *
 * @param runtimeDataClaims the structured runtime data, null for raw or none
 * @param initDataClaims    the init-data TOML's data table, null for a digest or none
 */
record VerificationInput(
        Verifier verifier,
        JsonNode evidence,
        byte[] expectedReportData,
        JsonNode runtimeDataClaims,
        byte[] initDataDigest,
        JsonNode initDataClaims) {

    Optional<byte[]> reportData() {
        return Optional.ofNullable(expectedReportData);
    }

    Optional<byte[]> initData() {
        return Optional.ofNullable(initDataDigest);
    }
}
