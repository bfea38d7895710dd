package dev.arca.cca.token;

import java.util.Optional;

/**
 * One measured platform software component (draft-ffm-rats-cca-token §4.3.7, PSA sw-component map): 1 measurement
 * type, 2 measurement value, 4 version, 5 signer id, 6 hash algorithm.
 */
public record SwComponent(Optional<String> measurementType, byte[] measurementValue, Optional<String> version,
        byte[] signerId, Optional<String> hashAlgorithm) {
}
