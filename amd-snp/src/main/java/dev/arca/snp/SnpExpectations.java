package dev.arca.snp;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the verifier's caller expects a report to bind, beyond being genuine.
 *
 * @param reportData the expected REPORT_DATA, regularized to 64 bytes (zero-padded or truncated, Trustee's rule)
 * @param hostData   the expected HOST_DATA (the init-data digest), regularized to 32 bytes
 * @param vmpl       the VMPL the report must have been requested at (0 for the guest kernel, as upstream requires)
 */
public record SnpExpectations(Optional<byte[]> reportData, Optional<byte[]> hostData, OptionalInt vmpl) {

    /** Nothing expected: only the report's authenticity is verified (Azure's HCL binds report_data itself). */
    public static SnpExpectations none() {
        return new SnpExpectations(Optional.empty(), Optional.empty(), OptionalInt.empty());
    }
}
