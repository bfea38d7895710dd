package dev.arca.attestation.verifier;

import dev.arca.attestation.verifier.VerificationException.Failure;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The comparison rules of Trustee's deps/verifier, for verifiers: the expected report data or init-data digest is
 * "regularized" to the width of the TEE's field (zero-padded when shorter, truncated when longer) and compared with
 * the field in constant time. So SHA-384 report data (48 bytes) matches a 64-byte TDX/SNP field padded with zeros,
 * and a 32-byte TPM nonce its first 32 bytes.
 */
public final class Binding {

    private Binding() {
    }

    /** regularize(x, n): pad with 0x00 up to n bytes, or keep the first n bytes. */
    public static byte[] regularize(byte[] value, int length) {
        return Arrays.copyOf(value, length);
    }

    /**
     * Checks the report-data binding when the caller gave runtime data.
     *
     * @param field the evidence's report-data field, whose length is the TEE's width
     * @throws VerificationException {@link Failure#REPORT_DATA_MISMATCH} when it does not bind the expected bytes
     */
    public static void requireReportData(Optional<byte[]> expected, byte[] field) throws VerificationException {
        if (expected.isPresent() && !MessageDigest.isEqual(regularize(expected.get(), field.length), field)) {
            throw new VerificationException(Failure.REPORT_DATA_MISMATCH,
                    "the evidence's report data does not match the expected report data");
        }
    }

    /**
     * Checks the init-data binding when the caller gave init-data.
     *
     * @param field the evidence's init-data field (mr_config_id, host_data, config_id …)
     * @throws VerificationException {@link Failure#INIT_DATA_MISMATCH} when it does not bind the expected digest
     */
    public static void requireInitData(Optional<byte[]> expected, byte[] field) throws VerificationException {
        if (expected.isPresent() && !MessageDigest.isEqual(regularize(expected.get(), field.length), field)) {
            throw new VerificationException(Failure.INIT_DATA_MISMATCH,
                    "the evidence's init-data field does not match the init-data digest");
        }
    }
}
